//! Writing workbooks.
