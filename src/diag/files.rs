//! The source files a compilation read, and the mapping from byte offsets to lines.

use std::sync::Arc;

/// An index into [`SourceMap`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// One file: its repository-relative path (with `/` separators) and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    /// An `Arc<String>`, not an `Arc<str>`: the text read is kept where it was read, never
    /// copied (half a gigabyte on the largest benchmark).
    pub text: Arc<String>,
    /// Where each line starts, made on first use: only files with a diagnostic need it.
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl SourceFile {
    pub fn new(path: String, text: impl Into<Arc<String>>) -> SourceFile {
        SourceFile {
            path,
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i as u32 + 1));
            starts
        })
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.text.len() as u32);
        let line = self.line_starts().partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts()[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[line_start..end].chars().count() as u32 + 1;
        (line as u32 + 1, column)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_range(&self, line: u32) -> Option<(usize, usize)> {
        let index = line.checked_sub(1)? as usize;
        let start = *self.line_starts().get(index)? as usize;
        let end = self
            .line_starts()
            .get(index + 1)
            .map(|&e| e as usize - 1)
            .unwrap_or(self.text.len());
        let end = if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        Some((start, end.max(start)))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// Every file a compilation read, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, path: String, text: impl Into<Arc<String>>) -> FileId {
        self.push(SourceFile::new(path, text))
    }

    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.text.len() as u64).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let file = SourceFile::new("a.yaml".into(), "ab\r\nZürich: x\n\nlast".to_owned());
        assert_eq!(file.line_count(), 4);
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(4), (2, 1));
        // `ü` is two bytes and one column: the colon after `Zürich` is column 7.
        assert_eq!(file.line_column(11), (2, 7));
        assert_eq!(file.line_column(15), (3, 1));
        assert_eq!(file.line_column(16), (4, 1));
        // Offsets past the end clamp to the end of the last line.
        assert_eq!(file.line_column(99), (4, 5));
        // A line's range leaves out its `\r\n` or `\n`.
        assert_eq!(file.line_range(1), Some((0, 2)));
        assert_eq!(file.line_range(2), Some((4, 14)));
        assert_eq!(file.line_range(3), Some((15, 15)));
        assert_eq!(file.line_range(4), Some((16, 20)));
        assert_eq!(file.line_range(5), None);
    }
}
