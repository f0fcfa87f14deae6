//! Extraction stage: from source lines and tables to the plan's meaning.
//!
//! [`extract_text`] runs the whole text pipeline on a file's bytes;
//! [`build_plan`] is the meeting point for other readers (a PDF reader hands
//! it the tables it rebuilt from geometry). Nothing here fails on a
//! malformed document: what cannot be placed becomes a warning with a
//! source span, beside the data that could be read.

pub mod meta;
pub mod outline;
mod pdf;
mod phases;
mod plan;
mod rows;

pub use pdf::{extract, extract_pdf};
pub use plan::{build_plan, extract_text, sha256_hex, ExtractError};
