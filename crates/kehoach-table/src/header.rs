//! Column roles from header words.

use crate::fx::FxHashMap;
use crate::model::{Column, Role, TableKind};
use kehoach_text::{clean, fold};
use std::sync::LazyLock;

/// A header phrase's meaning before the table kind is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Number,
    Name(TableKind),
    Unit,
    Result,
    Target,
    Directed,
    Owner,
    Lead,
    Cooperating,
    Responsible,
    Output,
    Deadline,
    Notes,
}

/// `(folded words of the phrase, hint)`, longest phrases first.
static PHRASES: LazyLock<Vec<(Vec<String>, Hint)>> = LazyLock::new(|| {
    let mut out: Vec<(Vec<String>, Hint)> = include_str!("../rules/header_roles.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('\t'))
        .map(|l| {
            let (phrase, role) = l.split_once('\t').expect("checked above");
            let hint = match role.trim() {
                "number" => Hint::Number,
                "name:indicators" => Hint::Name(TableKind::Indicators),
                "name:tasks" => Hint::Name(TableKind::Tasks),
                "unit" => Hint::Unit,
                "result" => Hint::Result,
                "target" => Hint::Target,
                "directed" => Hint::Directed,
                "owner" => Hint::Owner,
                "lead" => Hint::Lead,
                "cooperating" => Hint::Cooperating,
                "responsible" => Hint::Responsible,
                "output" => Hint::Output,
                "deadline" => Hint::Deadline,
                "notes" => Hint::Notes,
                other => panic!("header_roles.tsv: unknown role {other:?}"),
            };
            (words(phrase), hint)
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    out
});

fn words(s: &str) -> Vec<String> {
    split_tokens(&fold(s))
}

/// The phrase tokens of a folded string.
fn split_tokens(folded: &str) -> Vec<String> {
    folded
        .split([' ', '/', ','])
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A header column as found, before roles are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// Header text as printed.
    pub label: String,
    hint: Option<Hint>,
    year: Option<i32>,
}

/// The hint of the longest phrase at the start of `folded` words, with the
/// number of words it covers.
fn phrase_at(w: &[String]) -> Option<(Hint, usize)> {
    // A phrase starts with its first word: only the phrases that start
    // with `w`'s first word are tried (all of them if one has no words).
    static BY_FIRST: LazyLock<Option<FxHashMap<&'static str, Vec<usize>>>> = LazyLock::new(|| {
        let mut by_first: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        for (i, (p, _)) in PHRASES.iter().enumerate() {
            by_first.entry(p.first()?.as_str()).or_default().push(i);
        }
        Some(by_first)
    });
    let matches = |(p, _): &&(Vec<String>, Hint)| w.len() >= p.len() && w[..p.len()] == p[..];
    let found = match &*BY_FIRST {
        Some(by_first) => w
            .first()
            .and_then(|w0| by_first.get(w0.as_str()))
            .and_then(|ids| ids.iter().map(|&i| &PHRASES[i]).find(matches)),
        None => PHRASES.iter().find(matches),
    };
    found.map(|(p, h)| (*h, p.len()))
}

/// A year column header (`Năm 2025`, `Đến năm 2030`, `Đến hết năm 2030`) at
/// the start of `w`: the year and how many words it covers.
fn year_at(w: &[String]) -> Option<(i32, usize)> {
    static WORDS: LazyLock<[String; 3]> = LazyLock::new(|| [fold("đến"), fold("hết"), fold("năm")]);
    let [den, het, nam] = &*WORDS;
    let mut i = 0;
    if w.first() == Some(den) {
        i += 1;
        if w.get(i) == Some(het) {
            i += 1;
        }
    }
    if w.get(i) == Some(nam) {
        if let Some(y) = w.get(i + 1).and_then(|y| y.parse::<i32>().ok()) {
            if (1990..=2100).contains(&y) {
                return Some((y, i + 2));
            }
        }
    }
    None
}

/// Splits a flattened header (all its lines joined with spaces) into columns.
/// Words that start no known phrase are appended to the current column's label.
pub(crate) fn split_flat_header(text: &str) -> Vec<HeaderColumn> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let folded: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    // Each word's phrase tokens (a word like `nhân/tổ` gives two).
    let tokens: Vec<Vec<String>> = folded.iter().map(|f| split_tokens(f)).collect();
    // All tokens in order, and where each word's tokens start.
    let all_tokens: Vec<String> = tokens.iter().flatten().cloned().collect();
    let token_start: Vec<usize> = std::iter::once(0)
        .chain(tokens.iter().scan(0, |n, t| {
            *n += t.len();
            Some(*n)
        }))
        .collect();
    let mut cols: Vec<HeaderColumn> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let start = if let Some((year, n)) = year_at(&folded[i..]) {
            Some((Some(Hint::Target), Some(year), n))
        } else {
            // Phrases are matched on the tokens of the rest of the header.
            let rest = &all_tokens[token_start[i]..token_start[raw.len().min(i + 10)]];
            phrase_at(rest).map(|(h, n_tokens)| {
                // Back from tokens to whitespace words.
                let mut taken = 0;
                let mut k = 0;
                while k < n_tokens && i + taken < raw.len() {
                    k += tokens[i + taken].len().max(1);
                    taken += 1;
                }
                (Some(h), None, taken.max(1))
            })
        };
        match start {
            Some((hint, year, n)) if !(cols.is_empty() && hint != Some(Hint::Number) && i > 0) => {
                cols.push(HeaderColumn {
                    label: raw[i..i + n].join(" "),
                    hint,
                    year,
                });
                i += n;
            }
            _ => {
                if let Some(c) = cols.last_mut() {
                    c.label.push(' ');
                    c.label.push_str(raw[i]);
                } else {
                    cols.push(HeaderColumn {
                        label: raw[i].to_string(),
                        hint: None,
                        year: None,
                    });
                }
                i += 1;
            }
        }
    }
    for c in &mut cols {
        c.label = clean(&c.label);
    }
    cols
}

/// Reads one header cell (delimited shapes): its role hint from the phrase it
/// starts with.
pub(crate) fn header_cell(label: &str) -> HeaderColumn {
    let label = clean(label);
    let w = words(&label);
    let (hint, year) = match year_at(&w) {
        Some((y, _)) => (Some(Hint::Target), Some(y)),
        None => (phrase_at(&w).map(|(h, _)| h), None),
    };
    HeaderColumn { label, hint, year }
}

/// Settles roles once the whole header is known: the table kind decides what
/// "Kết quả" and "Đồng chí được phân công chỉ đạo" mean.
pub fn classify_header(cols: &[HeaderColumn]) -> (TableKind, Vec<Column>) {
    let kind = cols
        .iter()
        .find_map(|c| match c.hint {
            Some(Hint::Name(k)) => Some(k),
            _ => None,
        })
        .unwrap_or(TableKind::Unknown);
    let has_targets = cols.iter().any(|c| c.year.is_some());
    let kind = match kind {
        TableKind::Unknown if has_targets => TableKind::Indicators,
        k => k,
    };
    let columns = cols
        .iter()
        .map(|c| {
            let role = match c.hint {
                Some(Hint::Number) => Role::Number,
                Some(Hint::Name(_)) => Role::Name,
                Some(Hint::Unit) => Role::Unit,
                Some(Hint::Target) => Role::Target { year: c.year },
                Some(Hint::Result) if kind == TableKind::Indicators => Role::Target { year: None },
                Some(Hint::Result) | Some(Hint::Output) => Role::Output,
                Some(Hint::Directed) if kind == TableKind::Tasks => Role::Responsible,
                Some(Hint::Directed) => Role::DirectedBy,
                Some(Hint::Owner) => Role::Owner,
                Some(Hint::Lead) => Role::Lead,
                Some(Hint::Cooperating) => Role::Cooperating,
                Some(Hint::Responsible) => Role::Responsible,
                Some(Hint::Deadline) => Role::Deadline,
                Some(Hint::Notes) => Role::Notes,
                None => Role::Other,
            };
            Column {
                role,
                label: c.label.clone(),
            }
        })
        .collect();
    (kind, columns)
}

/// Whether a header has what a plan table needs: a number column and a name column.
pub(crate) fn is_plan_header(cols: &[HeaderColumn]) -> bool {
    cols.first().is_some_and(|c| c.hint == Some(Hint::Number))
        && cols.iter().any(|c| matches!(c.hint, Some(Hint::Name(_))))
        && cols.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(header: &str) -> Vec<Role> {
        classify_header(&split_flat_header(header))
            .1
            .into_iter()
            .map(|c| c.role)
            .collect()
    }

    #[test]
    fn flattened_headers() {
        use Role::*;
        assert_eq!(
            roles("TT Chỉ tiêu Năm 2025 Năm 2030 Đồng chí được phân công chỉ đạo Đồng chí được phân công chủ trì Cơ quan chủ trì theo dõi, đánh giá Sản phẩm đầu ra"),
            vec![Number, Name, Target { year: Some(2025) }, Target { year: Some(2030) }, DirectedBy, Owner, Lead, Output]
        );
        assert_eq!(
            roles("TT Tên nhiệm vụ Đồng chí được phân công chỉ đạo Cá nhân/tổ chức được phân công chủ trì đánh giá Sản phẩm đầu ra Tiến độ"),
            vec![Number, Name, Responsible, Lead, Output, Deadline]
        );
        assert_eq!(
            roles("STT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả thực hiện Thời gian thực hiện Ghi chú"),
            vec![Number, Name, Lead, Cooperating, Output, Deadline, Notes]
        );
        assert_eq!(
            roles("TT Chỉ tiêu Đơn vị tính Kết quả Cơ quan chủ trì theo dõi, đánh giá"),
            vec![Number, Name, Unit, Target { year: None }, Lead]
        );
        // Column order and wording differ from plan to plan.
        assert_eq!(
            roles("STT Thời hạn hoàn thành Nội dung nhiệm vụ Đơn vị phối hợp Sở, ngành chủ trì"),
            vec![Number, Deadline, Name, Cooperating, Lead]
        );
    }

    #[test]
    fn labels_keep_trailing_words() {
        let cols = split_flat_header("TT Chỉ tiêu Cơ quan chủ trì theo dõi, đánh giá");
        assert_eq!(cols[2].label, "Cơ quan chủ trì theo dõi, đánh giá");
    }
}
