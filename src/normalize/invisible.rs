//! Invisible and look-alike characters.
//!
//! * NBSP and the other fixed-width spaces become a plain space.
//! * Zero-width characters, word joiners, BOMs inside the text and soft
//!   hyphens are removed.
//! * Letters from other scripts that look like Latin letters (Cyrillic а е о
//!   р с у х і, Greek ο α ι …, Myanmar "ေ", Icelandic Ð ð) become the Latin
//!   letter — only inside a word whose neighbour is a Latin letter, so real
//!   Cyrillic or Greek text is left alone.

use super::{Log, Options};

enum Fix {
    Space,
    Remove,
    Latin(char),
}

fn classify(c: char) -> Option<Fix> {
    Some(match c {
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fix::Space,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fix::Remove,
        c => Fix::Latin(lookalike(c)?),
    })
}

/// Latin letter a foreign look-alike stands for.
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        // Icelandic eth and African D: typed for Đ/đ by some fonts.
        'Ð' | 'Ɖ' => 'Đ',
        'ð' => 'đ',
        // Cyrillic.
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        // Greek.
        'ο' => 'o',
        'α' => 'a',
        'ι' => 'i',
        'ν' => 'v',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        'Υ' => 'Y',
        'Ζ' => 'Z',
        // Myanmar vowel sign E, seen typed for "e" in "chေo".
        'ေ' => 'e',
        _ => return None,
    })
}

/// Could the UTF-8 sequence starting at `i` need a fix? A cheap byte test;
/// [`classify`] decides.
#[inline]
fn suspicious(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC2 => matches!(bytes.get(i + 1), Some(0xA0 | 0xAD)),
        0xC3 => matches!(bytes.get(i + 1), Some(0x90 | 0xB0)),
        0xC6 => bytes.get(i + 1) == Some(&0x89),
        0xCE | 0xCF | 0xD0 | 0xD1 | 0xE3 | 0xEF => true,
        0xE1 => bytes.get(i + 1) == Some(&0x80),
        0xE2 => matches!(bytes.get(i + 1), Some(0x80 | 0x81)),
        _ => false,
    }
}

fn is_latin_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphabetic() || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
    })
}

pub(super) fn apply(input: &str, _: &Options, log: &mut Log) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0xC2 || !suspicious(bytes, i) {
            i += 1;
            continue;
        }
        let c = input[i..].chars().next().unwrap_or('\u{FFFD}');
        let len = c.len_utf8();
        let replacement = match classify(c) {
            Some(Fix::Space) => Some(" ".to_string()),
            Some(Fix::Remove) => Some(String::new()),
            Some(Fix::Latin(l)) => {
                let prev = input[..i].chars().next_back();
                let next = input[i + len..].chars().next();
                (is_latin_letter(prev) || is_latin_letter(next)).then(|| l.to_string())
            }
            None => None,
        };
        if let Some(rep) = replacement {
            let buf = out.get_or_insert_with(|| String::with_capacity(input.len()));
            buf.push_str(&input[copied..i]);
            buf.push_str(&rep);
            copied = i + len;
            log.stats_mut().replaced += 1;
            if log.explaining() {
                log.detail(
                    input,
                    i,
                    super::visible(&c.to_string()),
                    super::visible(&rep),
                );
            }
        }
        i += len;
    }
    let mut out = out?;
    out.push_str(&input[copied..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (Option<String>, u64) {
        let mut log = Log::new(false);
        let out = apply(s, &Options::default(), &mut log);
        (out, log.stats.replaced)
    }

    #[test]
    fn spaces_and_invisibles() {
        assert_eq!(
            run("a\u{A0}b\u{200B}c\u{AD}d\u{FEFF}"),
            (Some("a bcd".into()), 4)
        );
    }

    #[test]
    fn lookalikes_inside_latin_words_only() {
        assert_eq!(run("chùng chေo"), (Some("chùng cheo".into()), 1));
        assert_eq!(
            run("Nghị quyết sо 18"),
            (Some("Nghị quyết so 18".into()), 1)
        );
        // Real Cyrillic words are left alone.
        assert_eq!(run("Москва").0, None);
        assert_eq!(run("ÐẢNG").0, Some("ĐẢNG".into()));
    }

    #[test]
    fn vietnamese_is_untouched() {
        assert_eq!(run("Ủy ban nhân dân tỉnh Điện Biên “Đảng” – ạ ỹ").0, None);
    }
}
