//! One table-driven pass over the bytes that tells which steps have work to
//! do, so that clean text (the common case) costs a single scan instead of
//! one per step.
//!
//! The flags may say "maybe" (a step then runs its own exact check) but never
//! miss work: every byte a step reacts to sets that step's flag.

/// Which steps may have something to change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Flags {
    /// A CR byte.
    pub cr: bool,
    /// A character that may not be NFC (combining marks, rare scripts).
    pub nfc: bool,
    /// NBSP, zero-width, soft hyphen, or a letter of a look-alike script.
    pub invisible: bool,
    /// `*` or `[`.
    pub markup: bool,
    /// A letter o/u/O/U next to a toned vowel is possible: always true for
    /// non-ASCII text (the tone step's automaton is its own fast check).
    pub tone: bool,
}

const CR: u8 = 1;
const MARKUP: u8 = 2;
const INVISIBLE: u8 = 4;
const NFC: u8 = 8;

/// Flags raised by the character whose UTF-8 bytes start `a b c`.
/// Branch-free so that the compiler vectorizes the scan.
#[inline(always)]
fn bits(a: u8, b: u8, c: u8) -> u8 {
    let cr = a == b'\r';
    let markup = (a == b'*') | (a == b'[');
    let invisible = ((a == 0xC2) & ((b == 0xA0) | (b == 0xAD)))
        | ((a == 0xC3) & ((b == 0x90) | (b == 0xB0)))
        | ((a == 0xC6) & (b == 0x89))
        | ((0xCE..=0xD1).contains(&a))
        | ((a == 0xE1) & ((b == 0x80) | (b == 0x81)))
        | ((a == 0xE2)
            & (((b == 0x80) & ((c <= 0x8D) | (c == 0xAF)))
                | ((b == 0x81) & ((c == 0x9F) | (c == 0xA0)))))
        | ((a == 0xE3) & (b == 0x80) & (c == 0x80))
        | ((a == 0xEF) & (b == 0xBB) & (c == 0xBF));
    let nfc = ((0xCC..=0xE0).contains(&a))
        | (a >= 0xE3)
        | ((a == 0xE1) & (b != 0xBA) & (b != 0xBB))
        | ((a == 0xE2) & (((b == 0x80) & (c <= 0x81)) | ((b != 0x80) & (b != 0x81))));
    (cr as u8) | ((markup as u8) << 1) | ((invisible as u8) << 2) | ((nfc as u8) << 3)
}

/// Scan `bytes` once (vectorized: no branch per byte).
pub(super) fn prescan(bytes: &[u8]) -> Flags {
    let n = bytes.len();
    let mut acc = 0u8;
    if n >= 3 {
        let (a, b, c) = (&bytes[..n - 2], &bytes[1..n - 1], &bytes[2..]);
        acc = a
            .iter()
            .zip(b)
            .zip(c)
            .fold(0u8, |acc, ((&a, &b), &c)| acc | bits(a, b, c));
    }
    // The last two bytes, padded with a byte that raises nothing.
    for i in n.saturating_sub(2)..n {
        let at = |k: usize| bytes.get(k).copied().unwrap_or(b' ');
        acc |= bits(at(i), at(i + 1), at(i + 2));
    }
    Flags {
        cr: acc & CR != 0,
        markup: acc & MARKUP != 0,
        invisible: acc & INVISIBLE != 0,
        nfc: acc & NFC != 0,
        tone: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(s: &str) -> Flags {
        prescan(s.as_bytes())
    }

    #[test]
    fn clean_vietnamese_needs_nothing() {
        let f = flags("Ủy ban nhân dân tỉnh Điện Biên “Đảng” – ơ ư đ ạ ỹ … 4,3%");
        assert!(!f.cr && !f.nfc && !f.invisible && !f.markup);
    }

    #[test]
    fn triggers_anywhere_including_the_last_bytes() {
        let base =
            "Ủy ban nhân dân tỉnh Điện Biên ban hành kế hoạch “số 2” – ơ ư đ ạ ỹ. ".repeat(20);
        for trigger in [
            "\u{A0}", "\r", "*", "e\u{301}", "ေ", "\u{2000}", "\u{200B}", "\u{FEFF}",
        ] {
            for at in [0, 1, base.len() / 2, base.len()] {
                let mut s = base.clone();
                let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap();
                s.insert_str(at, trigger);
                let f = prescan(s.as_bytes());
                assert!(
                    f.cr || f.markup || f.invisible || f.nfc,
                    "{trigger:?} at {at}"
                );
            }
        }
        assert_eq!(
            prescan(b""),
            Flags {
                tone: true,
                ..Flags::default()
            }
        );
        assert!(prescan(b"*").markup);
    }

    #[test]
    fn each_trigger() {
        assert!(flags("a\r\n").cr);
        assert!(flags("**a**").markup);
        assert!(flags("[bookmark: _GoBack]").markup);
        assert!(flags("a\u{A0}b").invisible);
        assert!(flags("a\u{AD}b").invisible);
        assert!(flags("a\u{200B}b").invisible);
        assert!(flags("a\u{202F}b").invisible);
        assert!(flags("a\u{2060}b").invisible);
        assert!(flags("a\u{FEFF}b").invisible);
        assert!(flags("a\u{3000}b").invisible);
        assert!(flags("ÐẢNG").invisible);
        assert!(flags("chေo").invisible);
        assert!(flags("sо").invisible);
        assert!(flags("e\u{301}").nfc);
        assert!(flags("\u{2126}").nfc);
        assert!(flags("\u{2000}").nfc);
    }
}
