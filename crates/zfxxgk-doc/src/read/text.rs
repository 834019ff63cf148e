//! PLACEHOLDER: being written (see the published-reports issue). Replace this whole file.

use zfxxgk_core::Lang;
use zfxxgk_core::grid::Document;

use super::Limits;

/// Why the file could not be read.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum TextError {
    /// Not yet implemented.
    Unsupported,
}

impl TextError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => "暂不支持读取此类文件。".into(),
            Lang::En => "this kind of file cannot be read yet".into(),
        }
    }
}

/// Reads the file into a document.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, TextError> {
    Err(TextError::Unsupported)
}
