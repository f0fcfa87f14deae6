//! The fields a correction can name, and their paths.

use std::fmt;

/// A correctable field of a plan, named by ids rather than positions, so
/// that a path still names the same row when rows are added before it.
///
/// | path | field |
/// |---|---|
/// | `/document/<field>` | `doc_type`, `number`, `title`, `issuer`, `issued_on` |
/// | `/document/signer/name`, `/document/signer/position` | the signer |
/// | `/tasks/<id>/<field>` | `name`, `number`, `output`, `responsible`, `notes` |
/// | `/tasks/<id>/deadline/raw` | the deadline (kind and dates re-parsed) |
/// | `/tasks/<id>/lead`, `/tasks/<id>/cooperating` | agency names |
/// | `/indicators/<id>/<field>` | `name`, `unit`, `lead`, `cooperating` |
/// | `/indicators/<id>/targets/<phase id>/raw` | a target (re-parsed) |
///
/// A task id is looked for among subtasks too. An id holding `/` or `~`
/// is written as in a JSON Pointer (`~1`, `~0`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPath {
    /// A field of `document`.
    Document(DocField),
    /// A field of the task (or subtask) with this id.
    Task {
        /// The task's id.
        id: String,
        /// Which field.
        field: TaskField,
    },
    /// A field of the indicator with this id.
    Indicator {
        /// The indicator's id.
        id: String,
        /// Which field.
        field: IndicatorField,
    },
}

/// A correctable field of `document`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocField {
    /// `doc_type`.
    DocType,
    /// `number`.
    Number,
    /// `title`.
    Title,
    /// `issuer`.
    Issuer,
    /// `issued_on` (an ISO date).
    IssuedOn,
    /// `signer/name`.
    SignerName,
    /// `signer/position`.
    SignerPosition,
}

/// A correctable field of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskField {
    /// `name`.
    Name,
    /// `number`.
    Number,
    /// `output`.
    Output,
    /// `responsible`.
    Responsible,
    /// `notes`.
    Notes,
    /// `deadline/raw`: the deadline's kind and dates follow it.
    DeadlineRaw,
    /// `lead`: agency names.
    Lead,
    /// `cooperating`: agency names.
    Cooperating,
}

/// A correctable field of an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorField {
    /// `name`.
    Name,
    /// `unit`.
    Unit,
    /// `lead`: agency names.
    Lead,
    /// `cooperating`: agency names.
    Cooperating,
    /// `targets/<phase id>/raw`: the target of that phase, re-parsed.
    TargetRaw(String),
}

impl FieldPath {
    /// Reads a path; `None` when it names no correctable field.
    pub fn parse(path: &str) -> Option<FieldPath> {
        let rest = path.strip_prefix('/')?;
        let parts: Vec<String> = rest
            .split('/')
            .map(|p| p.replace("~1", "/").replace("~0", "~"))
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        Some(match parts.as_slice() {
            ["document", field] => FieldPath::Document(match *field {
                "doc_type" => DocField::DocType,
                "number" => DocField::Number,
                "title" => DocField::Title,
                "issuer" => DocField::Issuer,
                "issued_on" => DocField::IssuedOn,
                _ => return None,
            }),
            ["document", "signer", "name"] => FieldPath::Document(DocField::SignerName),
            ["document", "signer", "position"] => FieldPath::Document(DocField::SignerPosition),
            ["tasks", id, "deadline", "raw"] if !id.is_empty() => FieldPath::Task {
                id: id.to_string(),
                field: TaskField::DeadlineRaw,
            },
            ["tasks", id, field] if !id.is_empty() => FieldPath::Task {
                id: id.to_string(),
                field: match *field {
                    "name" => TaskField::Name,
                    "number" => TaskField::Number,
                    "output" => TaskField::Output,
                    "responsible" => TaskField::Responsible,
                    "notes" => TaskField::Notes,
                    "lead" => TaskField::Lead,
                    "cooperating" => TaskField::Cooperating,
                    _ => return None,
                },
            },
            ["indicators", id, "targets", phase, "raw"] if !id.is_empty() && !phase.is_empty() => {
                FieldPath::Indicator {
                    id: id.to_string(),
                    field: IndicatorField::TargetRaw(phase.to_string()),
                }
            }
            ["indicators", id, field] if !id.is_empty() => FieldPath::Indicator {
                id: id.to_string(),
                field: match *field {
                    "name" => IndicatorField::Name,
                    "unit" => IndicatorField::Unit,
                    "lead" => IndicatorField::Lead,
                    "cooperating" => IndicatorField::Cooperating,
                    _ => return None,
                },
            },
            _ => return None,
        })
    }
}

/// Writes the path back as it is read (`/tasks/pl1.2/deadline/raw`).
impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let esc = |s: &str| s.replace('~', "~0").replace('/', "~1");
        match self {
            FieldPath::Document(field) => {
                let name = match field {
                    DocField::DocType => "doc_type",
                    DocField::Number => "number",
                    DocField::Title => "title",
                    DocField::Issuer => "issuer",
                    DocField::IssuedOn => "issued_on",
                    DocField::SignerName => "signer/name",
                    DocField::SignerPosition => "signer/position",
                };
                write!(f, "/document/{name}")
            }
            FieldPath::Task { id, field } => {
                let name = match field {
                    TaskField::Name => "name",
                    TaskField::Number => "number",
                    TaskField::Output => "output",
                    TaskField::Responsible => "responsible",
                    TaskField::Notes => "notes",
                    TaskField::DeadlineRaw => "deadline/raw",
                    TaskField::Lead => "lead",
                    TaskField::Cooperating => "cooperating",
                };
                write!(f, "/tasks/{}/{name}", esc(id))
            }
            FieldPath::Indicator { id, field } => match field {
                IndicatorField::TargetRaw(phase) => {
                    write!(f, "/indicators/{}/targets/{}/raw", esc(id), esc(phase))
                }
                field => {
                    let name = match field {
                        IndicatorField::Name => "name",
                        IndicatorField::Unit => "unit",
                        IndicatorField::Lead => "lead",
                        _ => "cooperating",
                    };
                    write!(f, "/indicators/{}/{name}", esc(id))
                }
            },
        }
    }
}
