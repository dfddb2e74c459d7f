//! Diagnostics as plain data.
//!
//! Every finding of netsot, from a YAML syntax error to a rack unit overlap, is a
//! [`Diagnostic`]: a rule from the code table, a message, and labels that point at byte
//! ranges of source files. Nothing here prints; the emitters in [`emit`] turn diagnostics
//! into text for a terminal, JSON, SARIF or GitHub annotations, and only `cli/` calls them.

pub mod codes;
pub mod emit;
pub mod files;
pub mod rule;
pub mod sarif;
mod snippet;

pub use files::{FileId, SourceFile, SourceMap};
pub use rule::{Rule, Severity};

/// A byte range in one source file. Offsets are `u32`: files are capped far below 4 GiB.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A position in the repository: a file and a span inside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

impl Location {
    pub fn new(file: FileId, span: Span) -> Location {
        Location { file, span }
    }
}

/// A label on a source range, with an optional text of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub location: Location,
    pub message: Option<String>,
}

/// One finding: what rule, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// The severity in force; a rule's default unless configuration changed it.
    pub severity: Severity,
    pub message: String,
    /// The offending value. `None` only for findings that concern no file at all.
    pub primary: Option<Label>,
    /// Further places, such as the first definition of a duplicate.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.primary = Some(Label {
            location,
            message: None,
        });
        self
    }

    pub fn at_labelled(mut self, location: Location, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label {
            location,
            message: Some(label.into()),
        });
        self
    }

    pub fn with_secondary(mut self, location: Location, label: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            location,
            message: Some(label.into()),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics into a stable order (file, position, code, message) and drops exact
/// repeats, so every emitter prints the same input the same way whatever the thread count.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>, files: &SourceMap) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.primary.as_ref().map(|label| {
                (
                    files.get(label.location.file).path.clone(),
                    label.location.span,
                )
            })
        };
        let labels = |d: &'_ Diagnostic| {
            let labels = d.primary.iter().chain(&d.secondary);
            labels
                .map(|l| (l.location, l.message.clone()))
                .collect::<Vec<_>>()
        };
        // The whole content decides, never the order of reporting: stages that report
        // from several threads stay deterministic.
        key(a)
            .cmp(&key(b))
            .then_with(|| a.rule.code.cmp(b.rule.code))
            .then_with(|| a.message.cmp(&b.message))
            .then_with(|| a.severity.cmp(&b.severity))
            .then_with(|| a.help.cmp(&b.help))
            .then_with(|| labels(a).cmp(&labels(b)))
    });
    diagnostics.dedup();
}

/// How many characters of the user's text a message quotes.
pub const QUOTE_CHARS: usize = 40;

/// User text as a message quotes it: at most [`QUOTE_CHARS`] characters, then `…`. A
/// message never echoes a whole value, which may be a whole document read by mistake
/// (a key file, the environment) and is printed in CI logs and annotations.
pub fn quote(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Suggests the closest known names for an unknown one, best first: those at the smallest
/// edit distance (if it is small for the name's length), and names that contain it.
pub fn did_you_mean<'a, I>(unknown: &str, known: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(unknown, known, || true).unwrap_or_default()
}

/// [`did_you_mean`], stopped when `more` says no before a candidate (`None` then).
fn closest<'a, I>(unknown: &str, known: I, mut more: impl FnMut() -> bool) -> Option<Vec<&'a str>>
where
    I: IntoIterator<Item = &'a str>,
{
    let unknown_lower = unknown.to_lowercase();
    let unknown_chars = unknown_lower.chars().count();
    let threshold = (unknown.chars().count() / 3).clamp(1, 4);
    let mut scored: Vec<(usize, &str)> = Vec::new();
    for candidate in known {
        if !more() {
            return None;
        }
        // The distance is at least the difference in length, so most candidates are
        // settled without computing it.
        let close = candidate.chars().count().abs_diff(unknown_chars) <= threshold;
        if !close && (unknown.len() < 3 || candidate.len() < unknown.len() / 2) {
            continue;
        }
        let lower = candidate.to_lowercase();
        let distance = if close {
            strsim::damerau_levenshtein(&unknown_lower, &lower)
        } else {
            usize::MAX
        };
        if distance <= threshold {
            scored.push((distance, candidate));
        } else if unknown.len() >= 3 && lower.contains(&unknown_lower) {
            scored.push((threshold + 1, candidate));
        }
    }
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let best = scored.first().map(|s| s.0).unwrap_or(0);
    Some(
        scored
            .into_iter()
            .filter(|s| s.0 == best)
            .take(3)
            .map(|(_, name)| name)
            .collect(),
    )
}

/// The "did you mean" work one compilation may do: each unknown name is compared with every
/// known one, so thousands of mistakes against a large network would take minutes.
///
/// Once [`SuggestionBudget::COMPARISONS`] candidates have been looked at, suggestions stop,
/// and [`SuggestionBudget::finish`] removes those already made, so what is printed does
/// not depend on which lookups, running in parallel, came first: the budget runs out
/// exactly when the compilation's lookups hold more candidates than it, in any order.
#[derive(Debug)]
pub struct SuggestionBudget {
    left: std::sync::atomic::AtomicU64,
    exhausted: std::sync::atomic::AtomicBool,
}

impl Default for SuggestionBudget {
    fn default() -> SuggestionBudget {
        SuggestionBudget::new(SuggestionBudget::COMPARISONS)
    }
}

impl SuggestionBudget {
    /// Candidates compared per compilation (under a second in a release build): a
    /// thousand mistakes against a thousand names are suggested for, as before; twenty
    /// thousand against a hundred thousand are not.
    pub const COMPARISONS: u64 = 1_000_000;

    pub fn new(comparisons: u64) -> SuggestionBudget {
        SuggestionBudget {
            left: std::sync::atomic::AtomicU64::new(comparisons),
            exhausted: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn is_exhausted(&self) -> bool {
        self.exhausted.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// [`did_you_mean`] within the budget; nothing once it has run out.
    pub fn did_you_mean<'a, I>(&self, unknown: &str, known: I) -> Vec<&'a str>
    where
        I: IntoIterator<Item = &'a str>,
    {
        use std::sync::atomic::Ordering;
        /// Candidates taken from the shared count at once, so threads rarely meet on it.
        const CHUNK: u64 = 1024;
        let mut taken: u64 = 0;
        let more = || {
            if taken == 0 {
                if self.is_exhausted() {
                    return false;
                }
                // Whole chunks only: each lookup then takes the same number of chunks
                // whatever runs beside it, and the budget runs out in any order or none.
                let took = self
                    .left
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                        left.checked_sub(CHUNK)
                    });
                if took.is_err() {
                    self.exhausted.store(true, Ordering::Relaxed);
                    return false;
                }
                taken = CHUNK;
            }
            taken -= 1;
            true
        };
        let suggestions = closest(unknown, known, more);
        suggestions.unwrap_or_default()
    }

    /// Once the budget has run out, takes every suggestion out of `diagnostics` (help
    /// lines starting with "did you mean"), so none depends on the order of lookups.
    pub fn finish(&self, diagnostics: &mut [Diagnostic]) {
        if !self.is_exhausted() {
            return;
        }
        for diagnostic in diagnostics {
            if diagnostic
                .help
                .as_deref()
                .is_some_and(|help| help.starts_with("did you mean"))
            {
                diagnostic.help = None;
            }
        }
    }
}

/// Formats suggestions as a help line: "did you mean `a`?" or "did you mean one of `a`, `b`?".
pub fn suggestion_help(suggestions: &[&str]) -> Option<String> {
    match suggestions {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parallel stages report in any order; the sorted list must not show it.
    #[test]
    fn sorting_ignores_the_order_of_reporting() {
        let mut files = SourceMap::default();
        let file = files.add("data/a.yaml".into(), "a: 1\n".to_string());
        let at = Location::new(file, Span::new(0, 1));
        let make = |help: &str| {
            Diagnostic::new(&codes::UNRESOLVED_REFERENCE, "no site named `x`")
                .at(at)
                .with_help(help)
        };
        let mut one = vec![make("b"), make("a"), make("b")];
        let mut other = vec![make("a"), make("b"), make("a")];
        sort_and_dedup(&mut one, &files);
        sort_and_dedup(&mut other, &files);
        assert_eq!(one, other);
        assert_eq!(one.len(), 2);
        assert_eq!(one[0].help.as_deref(), Some("a"));
    }
}
