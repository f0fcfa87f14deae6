//! The table model shared by every reader.

/// What a column means, from its header words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Row number (TT, STT).
    Number,
    /// Indicator or task text.
    Name,
    /// Đơn vị tính.
    Unit,
    /// A target value; `year` is the phase the header names (`Năm 2030`),
    /// `None` when the phase comes from group rows (`B Đến hết năm 2030`).
    Target {
        /// Milestone year named by the header, if any.
        year: Option<i32>,
    },
    /// "Đồng chí được phân công chỉ đạo".
    DirectedBy,
    /// "Đồng chí được phân công chủ trì".
    Owner,
    /// Lead body.
    Lead,
    /// Cooperating bodies.
    Cooperating,
    /// "Người đứng đầu chịu trách nhiệm".
    Responsible,
    /// Product / result of a task.
    Output,
    /// Time / progress.
    Deadline,
    /// Ghi chú.
    Notes,
    /// A header we do not know.
    Other,
}

impl Role {
    /// Whether cells of this role name bodies (agencies).
    pub fn is_agency(&self) -> bool {
        matches!(self, Role::Lead | Role::Cooperating)
    }

    /// Whether cells of this role name people.
    pub fn is_person(&self) -> bool {
        matches!(self, Role::DirectedBy | Role::Owner | Role::Responsible)
    }
}

/// What a table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Chỉ tiêu: indicators with targets.
    Indicators,
    /// Nhiệm vụ: task assignments.
    Tasks,
    /// Neither could be told from the header.
    Unknown,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its meaning.
    pub role: Role,
    /// Header text as printed, joined.
    pub label: String,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// Text, wrapped lines joined, whitespace collapsed, NFC.
    pub text: String,
    /// Source lines the text came from (1-based, ascending, deduplicated).
    pub lines: Vec<u32>,
    /// Copied from the row above because the source prints a vertically
    /// merged cell once.
    pub inherited: bool,
}

impl Cell {
    /// Whether the cell holds no text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row spanning the table that names a group (`I PHÁT TRIỂN HẠ TẦNG`,
    /// `B Đến hết năm 2030`); its text is in [`Row::group_text`].
    Group,
    /// A data row.
    Data,
}

/// One row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Group or data.
    pub kind: RowKind,
    /// The number as printed without a trailing dot (`"1"`, `"1.2"`, `"II"`), if any.
    pub number: Option<String>,
    /// For group rows: the text after the numeral.
    pub group_text: Option<String>,
    /// One cell per column of the table (the number column's cell holds the number).
    pub cells: Vec<Cell>,
    /// First and last source line.
    pub lines: (u32, u32),
    /// Page, for PDF input.
    pub page: Option<u32>,
}

impl Row {
    /// The cell of the first column with `role`, if it has text.
    pub fn cell(&self, columns: &[Column], role: &Role) -> Option<&Cell> {
        columns
            .iter()
            .position(|c| &c.role == role)
            .and_then(|i| self.cells.get(i))
            .filter(|c| !c.is_empty())
    }
}

/// Something a reader could not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableWarning {
    /// Stable code (`row_cells_unplaced`, `stray_line`, `table_without_caption` …).
    pub code: &'static str,
    /// Explanation.
    pub message: String,
    /// Source lines concerned.
    pub lines: (u32, u32),
}

/// One table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The appendix or table title as printed (`PHỤ LỤC 1: …`), if found.
    pub caption: Option<String>,
    /// The caption's reference line (`Kèm theo Kế hoạch số …`), if any.
    pub caption_note: Option<String>,
    /// First and last line of the caption, if found.
    pub caption_lines: Option<(u32, u32)>,
    /// 1-based ordinal of the table in the document.
    pub ordinal: usize,
    /// Indicators or tasks.
    pub kind: TableKind,
    /// Columns in printed order.
    pub columns: Vec<Column>,
    /// Rows in printed order, header rows excluded.
    pub rows: Vec<Row>,
    /// Lines of the first header.
    pub header_lines: (u32, u32),
    /// Problems met while reading.
    pub warnings: Vec<TableWarning>,
}
