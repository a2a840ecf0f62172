//! Where rendered files go: the interface between render and write. Render hands every
//! file to a [`Sink`] as soon as it is made; the write stage (`output`) provides the
//! sink that writes into the staging folder, and [`MemorySink`] keeps them in memory
//! (for `serve` and `check`). A leaf module, so render need not know the write stage.

use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;

/// Every file of the built site: path relative to the output root → bytes.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many search units the index holds (for the summary line).
    pub search_units: usize,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// Where rendered files go as they are made: kept in memory ([`Output`], for `serve`
/// and `check`) or written straight into the staging folder ([`Staging`], for
/// `build`), so a large site is never held in memory whole.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic>;

    /// A file made of parts, written one after another: a large page (the questions
    /// page of a big site) need not be joined in memory first.
    fn put_parts(&self, path: String, parts: Vec<Vec<u8>>) -> Result<(), Diagnostic> {
        self.put(path, parts.concat())
    }
}

/// Hands every file to another sink inside a folder (`de/`): one language of a site of
/// several.
pub struct Prefixed<'a> {
    pub sink: &'a dyn Sink,
    pub prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.sink.put(format!("{}{path}", self.prefix), bytes)
    }

    fn put_parts(&self, path: String, parts: Vec<Vec<u8>>) -> Result<(), Diagnostic> {
        self.sink.put_parts(format!("{}{path}", self.prefix), parts)
    }
}

/// An in-memory sink: the files end up in an [`Output`].
#[derive(Default)]
pub struct MemorySink(std::sync::Mutex<Output>);

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).add(path, bytes);
        Ok(())
    }
}
