//! Source text as the human report shows it. miette prints every labelled line whole, so
//! a label on a document that is one long line (a minified file, `/proc/self/environ`,
//! a key file) would print all of it; lines near a label longer than [`MAX_LINE_CHARS`]
//! are cut to that many characters and `…`, and the labels moved onto the cut text.

use super::files::SourceFile;
use super::Span;

/// The longest line, in characters, a snippet shows whole.
pub const MAX_LINE_CHARS: usize = 120;

/// A file's text with its long lines cut, and where each line went.
pub struct CutText {
    pub text: String,
    /// Per line: its start in the file, its start in `text`, and how many of its bytes
    /// were kept.
    lines: Vec<(u32, u32, u32)>,
}

impl CutText {
    /// Cuts the long lines of `file` if one of them is within a line of `spans`;
    /// `None` when the file can be shown as it is.
    pub fn new(file: &SourceFile, spans: &[Span]) -> Option<CutText> {
        let near_long_line = spans.iter().any(|span| {
            let (first, _) = file.line_column(span.start);
            let (last, _) = file.line_column(span.end);
            (first.saturating_sub(1).max(1)..=last + 1).any(|line| {
                file.line_range(line)
                    .is_some_and(|(start, end)| is_long(&file.text[start..end]))
            })
        });
        if !near_long_line {
            return None;
        }
        let mut text = String::new();
        let mut lines = Vec::with_capacity(file.line_count());
        for line in 1..=file.line_count() as u32 {
            let Some((start, end)) = file.line_range(line) else {
                break;
            };
            let content = &file.text[start..end];
            let kept = match content.char_indices().nth(MAX_LINE_CHARS) {
                Some((cut, _)) => cut,
                None => content.len(),
            };
            lines.push((start as u32, text.len() as u32, kept as u32));
            text.push_str(&content[..kept]);
            if kept < content.len() {
                text.push('…');
            }
            text.push('\n');
        }
        Some(CutText { text, lines })
    }

    /// Where a byte offset of the file lands in the cut text.
    pub fn map(&self, offset: u32) -> u32 {
        let line = self
            .lines
            .partition_point(|&(start, _, _)| start <= offset)
            .saturating_sub(1);
        match self.lines.get(line) {
            Some(&(start, new_start, kept)) => new_start + (offset - start).min(kept),
            None => 0,
        }
    }
}

/// The most lines a label covers in a snippet; a label on a longer range (a whole
/// document) is shown on its first line only, so the report never prints the document.
pub const MAX_LABEL_LINES: u32 = 6;

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

fn is_long(line: &str) -> bool {
    line.len() > MAX_LINE_CHARS && line.chars().nth(MAX_LINE_CHARS).is_some()
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
        let cut = CutText::new(&file, &[Span::new(at, at + 1)]).expect("a long line is near");
        assert!(cut.text.len() < 200, "{}", cut.text.len());
        assert_eq!(&cut.text[cut.map(at) as usize..][..4], "c: 2");
        assert_eq!(cut.map(2), 2);
        let many = SourceFile::new("h.yaml".into(), "a\n".repeat(1000));
        assert_eq!(shown_range(&many, 0, 2000), (0, 1));
        assert_eq!(shown_range(&many, 0, 6), (0, 6));
        let far = SourceFile::new("g.yaml".into(), format!("{long}\n\n\n\nc: 2\n"));
        assert!(CutText::new(&far, &[Span::new(10_004, 10_005)]).is_none());
    }
}
