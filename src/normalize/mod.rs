//! Stage 2 — normalize: one canonical form of Vietnamese text.
//!
//! The steps run in the order of the `STEPS` registry (reordering is a
//! one-line diff); a single prescan of the bytes (`prescan.rs`) skips the
//! steps that have nothing to do:
//!
//! | step | file | what it does | counted in |
//! |---|---|---|---|
//! | `line-endings` | `line_endings.rs` | CR LF and CR → LF (one break stays one break) | `line_endings` |
//! | `nfc` | `unicode.rs` | Unicode NFC (NFD input, Windows-1258 output) | `nfc` |
//! | `invisible` | `invisible.rs` | NBSP and odd spaces → space; zero-width, soft hyphen removed; look-alike letters from other scripts inside Latin words → Latin | `replaced` |
//! | `markup` | `markup.rs` | `[bookmark: _GoBack]` remnants, Markdown `*`/`**` emphasis removed | `markup` |
//! | `tone` | `tone.rs` | one tone-mark placement for oa/oe/uy (`hòa`, or `hoà` with `--tone new`) | `tone_marks` |
//!
//! Invariants: the function is total (any text in, text out); it never adds
//! or removes a line break, so line numbers of the decoded text and of the
//! normalized text agree. Spans are byte offsets into the *normalized* text.
//!
//! What this stage does not do: lossy folding (case, diacritics) — that is
//! for lookup keys only and lives with the code that builds such keys.

mod invisible;
mod line_endings;
mod markup;
mod prescan;
mod tone;
mod unicode;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::record::NormalizationStats;

/// Where the tone mark of an open oa/oe/uy syllable goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToneStyle {
    /// "hòa, khóa, thủy, Ủy" (Decree 30/2020 templates, most laws): default.
    #[default]
    Old,
    /// "hoà, khoá, thuỷ, Uỷ" (MOET 1989/QĐ-BGDĐT style).
    New,
    /// Leave tone marks where they are.
    Keep,
}

impl FromStr for ToneStyle {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "old" => Ok(ToneStyle::Old),
            "new" => Ok(ToneStyle::New),
            "keep" => Ok(ToneStyle::Keep),
            _ => Err(format!("unknown tone style {s:?}; use old, new or keep")),
        }
    }
}

impl fmt::Display for ToneStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ToneStyle::Old => "old",
            ToneStyle::New => "new",
            ToneStyle::Keep => "keep",
        })
    }
}

/// Normalization settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Tone-mark placement.
    pub tone: ToneStyle,
}

/// One change, for `kehoach normalize --explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 1-based line.
    pub line: u32,
    /// The step that made it.
    pub step: &'static str,
    /// Text before (escaped for display where invisible).
    pub before: String,
    /// Text after.
    pub after: String,
}

/// What the steps write to: counters always, details only when explaining.
pub struct Log {
    stats: NormalizationStats,
    changes: Option<Vec<Change>>,
    step: &'static str,
    /// (byte position, line) of the last line lookup in the current step's
    /// input, so that lookups in increasing order stay linear.
    cursor: (usize, u32),
}

impl Log {
    fn new(explain: bool) -> Self {
        Log {
            stats: NormalizationStats::default(),
            changes: explain.then(Vec::new),
            step: "",
            cursor: (0, 1),
        }
    }

    /// True when details are being collected (steps may skip work otherwise).
    pub fn explaining(&self) -> bool {
        self.changes.is_some()
    }

    /// Counters, by name.
    pub fn stats_mut(&mut self) -> &mut NormalizationStats {
        &mut self.stats
    }

    /// Record a change at byte `pos` of the current step's `input`.
    pub fn detail(
        &mut self,
        input: &str,
        pos: usize,
        before: impl Into<String>,
        after: impl Into<String>,
    ) {
        let Some(changes) = self.changes.as_mut() else {
            return;
        };
        let (from, mut line) = if pos >= self.cursor.0 {
            self.cursor
        } else {
            (0, 1)
        };
        line += memchr::memchr_iter(b'\n', &input.as_bytes()[from..pos]).count() as u32;
        self.cursor = (pos, line);
        changes.push(Change {
            line,
            step: self.step,
            before: before.into(),
            after: after.into(),
        });
    }
}

/// A normalization step: `None` when it changes nothing.
type StepFn = fn(&str, &Options, &mut Log) -> Option<String>;

/// Whether the prescan says a step may have work.
type GateFn = fn(&prescan::Flags) -> bool;

/// The ordered registry of steps: name, gate, step.
const STEPS: &[(&str, GateFn, StepFn)] = &[
    ("line-endings", |f| f.cr, line_endings::apply),
    ("nfc", |f| f.nfc, unicode::apply),
    ("invisible", |f| f.invisible, invisible::apply),
    ("markup", |f| f.markup, markup::apply),
    ("tone", |f| f.tone, tone::apply),
];

/// Names of the steps, in the order they run.
pub fn step_names() -> impl Iterator<Item = &'static str> {
    STEPS.iter().map(|(n, _, _)| *n)
}

fn run<'a>(text: Cow<'a, str>, opts: &Options, log: &mut Log) -> Cow<'a, str> {
    let mut text = text;
    let mut flags = prescan::prescan(text.as_bytes());
    for (name, gate, step) in STEPS {
        if !gate(&flags) {
            continue;
        }
        log.step = name;
        log.cursor = (0, 1);
        if let Some(changed) = step(&text, opts, log) {
            text = Cow::Owned(changed);
            flags = prescan::prescan(text.as_bytes());
        }
    }
    text
}

/// Normalize `text`; borrowed input that needs no change stays borrowed.
pub fn normalize<'a>(text: Cow<'a, str>, opts: &Options) -> (Cow<'a, str>, NormalizationStats) {
    let mut log = Log::new(false);
    let out = run(text, opts, &mut log);
    (out, log.stats)
}

/// Normalize and list every change with its line (for `--explain`).
pub fn normalize_explained(
    text: &str,
    opts: &Options,
) -> (String, NormalizationStats, Vec<Change>) {
    let mut log = Log::new(true);
    let out = run(Cow::Borrowed(text), opts, &mut log).into_owned();
    let mut changes = log.changes.unwrap_or_default();
    changes.sort_by_key(|c| c.line);
    (out, log.stats, changes)
}

/// Show invisible characters in `--explain` output.
pub(crate) fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ' ' => "␠".to_string(),
            c if c.is_whitespace() || c.is_control() || !c.is_alphanumeric() && c as u32 > 0x7F => {
                format!("U+{:04X}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(Cow::Borrowed(s), &Options::default())
            .0
            .into_owned()
    }

    #[test]
    fn clean_text_stays_borrowed() {
        let (out, stats) = normalize(
            Cow::Borrowed("Ủy ban nhân dân tỉnh hòa\n"),
            &Options::default(),
        );
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(stats, NormalizationStats::default());
    }

    #[test]
    fn line_count_is_kept() {
        let input = "a\r\nb\rc\n\u{A0}d**e**\r\n";
        let out = norm(input);
        assert_eq!(out, "a\nb\nc\n de\n");
        assert_eq!(out.matches('\n').count(), 4);
    }

    #[test]
    fn all_steps_together() {
        let nfd = "Ho\u{0300}a";
        assert_eq!(norm(nfd), "Hòa");
        let (_, stats, changes) =
            normalize_explained("Kế hoạch\n**Uỷ ban** hoà\u{200B}", &Options::default());
        assert_eq!(stats.tone_marks, 2);
        assert_eq!(stats.markup, 2);
        assert_eq!(stats.replaced, 1);
        assert!(changes.iter().all(|c| c.line == 2), "{changes:?}");
    }
}
