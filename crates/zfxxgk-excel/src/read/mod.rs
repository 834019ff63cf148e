//! Reading workbooks.
