//! Source text as the human report shows it. miette reads a label's surroundings from the
//! source it is given, and its readers for strings scan from the start of the text: given
//! the whole file for each of many diagnostics, the report grows with diagnostics times file
//! size. A [`Snippet`] holds only the lines the report shows (each label's lines and one of
//! context on either side), found through the file's line index, so each diagnostic costs
//! what it shows. Lines longer than [`MAX_LINE_CHARS`] are cut to that many characters and
//! `…` (a minified file, `/proc/self/environ`, a key file would otherwise print whole), and
//! the labels are moved onto the kept text.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::files::SourceFile;

/// The longest line, in characters, a snippet shows whole.
pub const MAX_LINE_CHARS: usize = 120;

/// The most lines a label covers in a snippet; a label on a longer range (a whole
/// document) is shown on its first line only, so the report never prints the document.
pub const MAX_LABEL_LINES: u32 = 6;

/// Lines of context miette is asked for around each label (`with_context_lines`).
pub const CONTEXT_LINES: u32 = 1;

/// The lines of one file that a diagnostic's labels need, cut where long.
pub struct Snippet {
    name: String,
    text: String,
    lines: Vec<ShownLine>,
}

/// One line of a [`Snippet`].
#[derive(Clone, Copy)]
struct ShownLine {
    /// Where the line starts in the file.
    file_start: u32,
    /// Where it starts in the snippet's text.
    start: u32,
    /// How many of its bytes were kept.
    kept: u32,
    /// Its 0-based line number in the file.
    line: u32,
    /// The run of consecutive file lines it belongs to: context never crosses runs.
    run: u32,
}

impl Snippet {
    /// The lines of `file` around `spans` (byte ranges, as [`shown_range`] gives them).
    pub fn new(file: &SourceFile, spans: &[(u32, u32)]) -> Snippet {
        // The text after a final line break is no line of its own, as miette counts.
        let last_line = if file.text.is_empty() {
            0
        } else {
            file.line_count() as u32 - u32::from(file.text.ends_with('\n'))
        };
        let mut wanted: Vec<(u32, u32)> = spans
            .iter()
            .map(|&(start, end)| {
                let (first, _) = file.line_column(start);
                let (last, _) = file.line_column(end);
                (
                    first.saturating_sub(CONTEXT_LINES).max(1),
                    (last + CONTEXT_LINES)
                        .min(last_line)
                        .max(first.min(last_line)),
                )
            })
            .filter(|&(first, last)| first <= last)
            .collect();
        wanted.sort_unstable();
        let mut runs: Vec<(u32, u32)> = Vec::with_capacity(wanted.len());
        for (first, last) in wanted {
            match runs.last_mut() {
                Some(run) if first <= run.1 + 1 => run.1 = run.1.max(last),
                _ => runs.push((first, last)),
            }
        }
        let mut snippet = Snippet {
            name: file.path.clone(),
            text: String::new(),
            lines: Vec::new(),
        };
        for (run, &(first, last)) in runs.iter().enumerate() {
            for line in first..=last {
                let Some((start, end)) = file.line_range(line) else {
                    break;
                };
                let content = &file.text[start..end];
                let kept = match content.char_indices().nth(MAX_LINE_CHARS) {
                    Some((cut, _)) => cut,
                    None => content.len(),
                };
                snippet.lines.push(ShownLine {
                    file_start: start as u32,
                    start: snippet.text.len() as u32,
                    kept: kept as u32,
                    line: line - 1,
                    run: run as u32,
                });
                snippet.text.push_str(&content[..kept]);
                if kept < content.len() {
                    snippet.text.push('…');
                }
                snippet.text.push('\n');
            }
        }
        snippet
    }

    /// Where a byte offset of the file lands in the snippet's text (the offset must be on
    /// a line of the snippet, as every label's is).
    pub fn map(&self, offset: u32) -> u32 {
        let at = self
            .lines
            .partition_point(|l| l.file_start <= offset)
            .saturating_sub(1);
        match self.lines.get(at) {
            Some(l) => l.start + (offset - l.file_start.min(offset)).min(l.kept),
            None => 0,
        }
    }

    /// The index of the shown line holding a snippet offset.
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start as usize <= offset)
            .saturating_sub(1)
    }

    /// Where a shown line ends in the text, its line break included.
    fn line_end(&self, index: usize) -> usize {
        self.lines
            .get(index + 1)
            .map_or(self.text.len(), |l| l.start as usize)
    }
}

impl SourceCode for Snippet {
    /// Reads like miette's own readers for text (the same lines, line and column), but
    /// from the shown lines only, and never across two runs of lines.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if self.lines.is_empty() {
            // An empty file: nothing to show, as miette shows nothing of an empty text.
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &[],
                (0, 0).into(),
                0,
                0,
                0,
            )));
        }
        if span.offset() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(span.offset());
        let last = self.line_at(
            (span.offset() + span.len())
                .saturating_sub(1)
                .max(span.offset()),
        );
        let run = self.lines[first].run;
        if self.lines[last].run != run {
            return Err(MietteError::OutOfBounds);
        }
        let mut from = first;
        for _ in 0..context_lines_before {
            match from.checked_sub(1) {
                Some(previous) if self.lines[previous].run == run => from = previous,
                _ => break,
            }
        }
        let mut to = last;
        for _ in 0..context_lines_after {
            match self.lines.get(to + 1) {
                Some(next) if next.run == run => to += 1,
                _ => break,
            }
        }
        let (start, column) = if context_lines_before == 0 {
            let line_start = self.lines[first].start as usize;
            (span.offset(), span.offset() - line_start)
        } else {
            (self.lines[from].start as usize, 0)
        };
        let end = self.line_end(to);
        let line = self.lines[if context_lines_before == 0 {
            first
        } else {
            from
        }]
        .line;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[start..end],
            (start, end - start).into(),
            line as usize,
            column,
            to - from + 1,
        )))
    }
}

/// A label's byte range as the snippet shows it: the same, or only its first line when it
/// covers more than [`MAX_LABEL_LINES`] lines.
pub fn shown_range(file: &SourceFile, start: u32, end: u32) -> (u32, u32) {
    let (first, _) = file.line_column(start);
    let (last, _) = file.line_column(end);
    if last - first < MAX_LABEL_LINES {
        return (start, end);
    }
    let line_end = file.line_range(first).map_or(start, |(_, end)| end as u32);
    (start, line_end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_near_a_label_are_cut_and_labels_follow() {
        let long = "x".repeat(10_000);
        let text = format!("a: 1\nb: {long}\nc: 2\n");
        let file = SourceFile::new("f.yaml".into(), text.clone());
        let at = text.find("c: 2").unwrap() as u32;
        let snippet = Snippet::new(&file, &[(at, at + 1)]);
        assert!(snippet.text.len() < 200, "{}", snippet.text.len());
        assert_eq!(&snippet.text[snippet.map(at) as usize..][..4], "c: 2");
        let many = SourceFile::new("h.yaml".into(), "a\n".repeat(1000));
        assert_eq!(shown_range(&many, 0, 2000), (0, 1));
        assert_eq!(shown_range(&many, 0, 6), (0, 6));
    }

    #[test]
    fn a_snippet_holds_only_the_lines_around_its_labels() {
        let text: String = (1..=100_000).map(|i| format!("line {i}\n")).collect();
        let file = SourceFile::new("big.yaml".into(), text.clone());
        let near = |needle: &str| text.find(needle).unwrap() as u32;
        let (a, b) = (near("line 50\n"), near("line 90000\n"));
        let snippet = Snippet::new(&file, &[(a, a + 4), (b, b + 4)]);
        assert_eq!(
            snippet.text,
            "line 49\nline 50\nline 51\nline 89999\nline 90000\nline 90001\n"
        );
        let read = snippet
            .read_span(&(snippet.map(b) as usize, 4).into(), 1, 1)
            .expect("inside");
        assert_eq!(read.line(), 89_998);
        assert_eq!(read.line_count(), 3);
        let label = snippet
            .read_span(&(snippet.map(b) as usize + 5, 1).into(), 0, 0)
            .expect("inside");
        assert_eq!((label.line(), label.column()), (89_999, 5));
        // Context never joins two runs of lines.
        let across = (
            snippet.map(a) as usize,
            (snippet.map(b) - snippet.map(a)) as usize,
        );
        assert!(snippet.read_span(&across.into(), 1, 1).is_err());
    }
}
