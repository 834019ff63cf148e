//! Lenient reading of the values people type into spreadsheets (numbers as text, full-width
//! digits, thousands separators, units, float noise), each normalisation explained by a
//! [`crate::Note`]. Pure: no I/O.
