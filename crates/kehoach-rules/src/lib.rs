//! Rule tables (being written).
