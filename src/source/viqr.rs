//! VIQR (RFC 1456): Vietnamese in ASCII, marks typed after the vowel.
//!
//! Shapes: `a(` ă, `a^` â, `e^` ê, `o^` ô, `o+` ơ, `u+` ư (also `*` for the
//! horn); tones: `'` sắc, `` ` `` huyền, `?` hỏi, `~` ngã, `.` nặng; `dd` đ
//! (`DD`, `Dd` Đ); a backslash before a mark keeps it literal (`\.`).
//!
//! VIQR is ambiguous after letters, so this decoder is conservative:
//! a mark applies only right after a vowel it fits (a tone only when the
//! syllable has no tone yet), and `.`/`?` ending a sentence — at the end of
//! a word, then the end of the line or a space and a capital — stay
//! punctuation ("Ha` No^.i." is "Hà Nội."). Detection only picks VIQR when
//! the text is ASCII and decoding it yields many frequent Vietnamese
//! syllables ([`looks_like_viqr`]); otherwise use `--encoding viqr`.
//!
//! What it does not do: VIQR variants with other mark characters (`/` for
//! sắc) or mnemonic escapes of the VIQR mail convention (`\V`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::compose;

use super::syllable;

fn shape_mark(base: char, mark: char) -> Option<char> {
    Some(match (base.to_ascii_lowercase(), mark) {
        ('a', '(') => '\u{306}',
        ('a' | 'e' | 'o', '^') => '\u{302}',
        ('o' | 'u', '+' | '*') => '\u{31B}',
        _ => return None,
    })
}

fn tone_mark(mark: char) -> Option<char> {
    Some(match mark {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '?' => '\u{309}',
        '~' => '\u{303}',
        '.' => '\u{323}',
        _ => return None,
    })
}

fn is_mark(c: char) -> bool {
    matches!(c, '(' | '^' | '+' | '*' | '\'' | '`' | '?' | '~' | '.')
}

/// The plain vowel under `c` (`ấ` → `a`), if `c` is a Vietnamese vowel.
fn vowel_base(c: char) -> Option<char> {
    let b = c.nfd().next()?;
    matches!(b.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some(b)
}

fn has_tone(c: char) -> bool {
    syllable::Letter::of(c).is_some_and(|l| l.tone != 0)
}

/// `c` with the combining `mark` added, when the result is one letter.
fn add_mark(c: char, mark: char) -> Option<char> {
    compose(c, mark).or_else(|| {
        let mut s: String = c.nfd().collect();
        s.push(mark);
        let mut composed = s.nfc();
        let one = composed.next()?;
        composed.next().is_none().then_some(one)
    })
}

/// Does the mark at `chars[i]` end a sentence rather than mark a tone?
fn ends_sentence(chars: &[char], i: usize) -> bool {
    if !matches!(chars.get(i), Some('.' | '?')) {
        return false;
    }
    match chars.get(i + 1) {
        None | Some('\n' | '\r') => true,
        Some(' ' | '\t') => {
            let rest = chars.get(i + 1..).unwrap_or_default();
            let next = rest.iter().find(|c| !matches!(c, ' ' | '\t'));
            next.is_none_or(|c| c.is_uppercase() || matches!(c, '\n' | '\r'))
        }
        _ => false,
    }
}

/// Decode VIQR text.
pub fn decode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None; // the last letter pushed, if the previous char was it
    let mut word_tone = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        if c == '\\'
            && let Some(&n) = chars.get(i).filter(|&&n| is_mark(n) || n == '\\')
        {
            out.push(n);
            i += 1;
            last = None;
            continue;
        }
        if let Some(prev) = last.filter(|_| is_mark(c)) {
            let mark = vowel_base(prev).and_then(|b| {
                shape_mark(b, c).or_else(|| {
                    (!word_tone && !ends_sentence(&chars, i - 1))
                        .then(|| tone_mark(c))
                        .flatten()
                })
            });
            if let Some(composed) = mark.and_then(|m| add_mark(prev, m)) {
                out.pop();
                out.push(composed);
                word_tone |= has_tone(composed);
                last = Some(composed);
                continue;
            }
        }
        if matches!(c, 'd' | 'D') && matches!(last, Some('d' | 'D')) {
            out.pop();
            let dd = if last == Some('D') { 'Đ' } else { 'đ' };
            out.push(dd);
            last = Some(dd);
            continue;
        }
        out.push(c);
        if c.is_alphabetic() {
            last = Some(c);
        } else {
            last = None;
            word_tone = false;
        }
    }
    out
}

/// When ASCII `text` reads as VIQR with great certainty, the confidence:
/// many words carry VIQR marks, and nearly all of them decode to valid
/// syllables, with frequent ones among them.
pub fn looks_like_viqr(text: &str) -> Option<f64> {
    let marked = text
        .as_bytes()
        .windows(2)
        .filter(|w| {
            matches!(w[0].to_ascii_lowercase(), b'a' | b'e' | b'o' | b'u')
                && matches!(w[1], b'^' | b'(' | b'+')
        })
        .count();
    if marked < 5 {
        return None;
    }
    let words = text.split_whitespace().count().max(1);
    let decoded = decode(text);
    let s = syllable::score(&decoded);
    let enough = s.words * 5 >= words && s.frequent >= 5 && s.validity() >= 0.9;
    enough.then(|| s.validity() * (s.words as f64 / 20.0).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_rfc_1456_examples() {
        assert_eq!(decode("Vie^.t Nam"), "Việt Nam");
        assert_eq!(decode("Ha` No^.i."), "Hà Nội.");
        assert_eq!(decode("DDa^`u tu+ xa^y du+.ng"), "Đầu tư xây dựng");
        assert_eq!(decode("ngu+o+`i ddu+o+.c"), "người được");
        assert_eq!(decode("U?Y BAN NHA^N DA^N"), "ỦY BAN NHÂN DÂN");
        assert_eq!(decode("NDD-CP"), "NĐ-CP");
    }

    #[test]
    fn punctuation_stays_punctuation() {
        assert_eq!(decode("Co' ddi kho^ng?"), "Có đi không?");
        assert_eq!(decode("Ta^.p trung. Sau ddo'"), "Tập trung. Sau đó");
        assert_eq!(decode("Nam."), "Nam.");
        assert_eq!(decode("1.5 + 2^3 (x)"), "1.5 + 2^3 (x)");
        assert_eq!(decode("don't"), "don't");
        assert_eq!(decode("ca\\.c"), "ca.c");
        // A second tone is not applied: the mark stays.
        assert_eq!(decode("to^'t'"), "tốt'");
    }

    #[test]
    fn detection_is_conservative() {
        let viqr = "Ke^' hoa.ch thu+.c hie^.n cu?a U?y ban nha^n da^n ti?nh ve^` vie^.c \
                    pha't trie^?n kinh te^' xa~ ho^.i, ca'c co+ quan, ddo+n vi. \
                    trong ti?nh ddu+o+.c giao nhie^.m vu.";
        assert!(looks_like_viqr(viqr).is_some_and(|c| c > 0.8));
        for english in [
            "The quick brown fox (a+b)^2 jumps over the lazy dog. Isn't it? Yes.",
            "fn main() { let a = (b+c)^d; println!(\"{a}\"); } // a^b o+u e^x",
            "Ha Noi la thu do cua Viet Nam va co nhieu nguoi.",
        ] {
            assert_eq!(looks_like_viqr(english), None, "{english}");
        }
    }
}
