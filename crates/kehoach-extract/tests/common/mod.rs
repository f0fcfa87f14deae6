//! Helpers shared by the prose tests.

use kehoach_schema::Plan;

/// Canonical names of agency ids (the registry expands abbreviations and
/// known bodies, and drops the plan's own level: `Kho bạc Nhà nước tỉnh`
/// is `Kho bạc Nhà nước` in a province's plan).
pub fn names(plan: &Plan, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            plan.agencies
                .iter()
                .find(|a| &a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        })
        .collect()
}
