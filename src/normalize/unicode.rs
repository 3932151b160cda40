//! NFC. Lines are independent under NFC (a line break is a starter that
//! never composes), so only lines that may not be NFC are looked at: a byte
//! scan clears the common case (ASCII, Latin-1 to Latin Extended-B, Latin
//! Extended Additional — all of precomposed Vietnamese) and
//! `is_nfc_quick` decides the rest.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{Log, Options};

/// True when every character of `line` is in a range that is NFC_QC=Yes and
/// cannot combine with a neighbour.
fn surely_nfc(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match b {
            // U+0080..U+02FF: Latin-1 Supplement, Latin Extended-A/B, IPA.
            0xC2..=0xCB => i += 2,
            // U+1E80..U+1EFF: Latin Extended Additional (ạ ả ấ … ỹ).
            0xE1 if matches!(line.get(i + 1), Some(0xBA | 0xBB)) => i += 3,
            // General punctuation U+2002..U+207F (quotes, dashes, …); U+2000
            // and U+2001 are singletons that NFC replaces.
            0xE2 if matches!(
                (line.get(i + 1), line.get(i + 2)),
                (Some(0x80), Some(0x82..)) | (Some(0x81), _)
            ) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

fn line_needs_work(line: &str) -> bool {
    !surely_nfc(line.as_bytes()) && is_nfc_quick(line.chars()) != IsNormalized::Yes
}

pub(super) fn apply(input: &str, _: &Options, log: &mut Log) -> Option<String> {
    // Common case: the whole text passes the byte test at once.
    if surely_nfc(input.as_bytes()) {
        return None;
    }
    let mut lines = input.split_inclusive('\n');
    let mut done = 0usize;
    // Find the first line that needs work without copying anything.
    for line in lines.by_ref() {
        if line_needs_work(line) {
            let mut out = String::with_capacity(input.len());
            out.push_str(&input[..done]);
            compose_line(input, done, line, &mut out, log);
            done += line.len();
            for line in lines {
                if line_needs_work(line) {
                    compose_line(input, done, line, &mut out, log);
                } else {
                    out.push_str(line);
                }
                done += line.len();
            }
            return Some(out);
        }
        done += line.len();
    }
    None
}

/// NFC one line word by word (whitespace is a starter: words are independent).
fn compose_line(input: &str, line_start: usize, line: &str, out: &mut String, log: &mut Log) {
    let mut pos = 0;
    for word in line.split_inclusive(char::is_whitespace) {
        let composed: String = word.nfc().collect();
        if composed != word {
            let absorbed = word
                .chars()
                .count()
                .saturating_sub(composed.chars().count());
            log.stats_mut().nfc += absorbed as u64;
            if log.explaining() {
                log.detail(
                    input,
                    line_start + pos,
                    super::visible(word.trim_end()),
                    composed.trim_end(),
                );
            }
        }
        out.push_str(&composed);
        pos += word.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_is_composed() {
        let mut log = Log::new(false);
        let out = apply(
            "ok\nNghi\u{323} quye\u{302}\u{301}t\n",
            &Options::default(),
            &mut log,
        )
        .unwrap();
        assert_eq!(out, "ok\nNghị quyết\n");
        assert_eq!(log.stats.nfc, 3);
    }

    #[test]
    fn nfc_untouched() {
        let mut log = Log::new(false);
        assert!(apply("Nghị quyết “số” – ỹ\n", &Options::default(), &mut log).is_none());
    }

    #[test]
    fn combining_order_is_canonical() {
        let mut log = Log::new(false);
        assert_eq!(
            apply("a\u{323}\u{302}", &Options::default(), &mut log).unwrap(),
            "ậ"
        );
    }
}
