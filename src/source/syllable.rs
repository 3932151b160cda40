//! How Vietnamese a decoded text looks: the yardstick of encoding detection.
//!
//! * [`Letter`] splits a Vietnamese letter (precomposed, or a base letter
//!   followed by combining marks as Windows-1258 and NFD give them) into its
//!   shaped base (`a ă â e ê i o ô ơ u ư y đ` …) and its tone.
//! * [`is_valid_syllable`] checks a word against Vietnamese phonotactics:
//!   initial consonant, vowel nucleus, final consonant, one tone at most, and
//!   stop finals (c, ch, p, t) only with the sắc or nặng tone.
//! * [`score`] tokenizes a text and counts valid, frequent and invalid words
//!   and undecodable characters; the frequent syllables are data
//!   (`rules/encodings/frequent_syllables.tsv`, embedded).
//!
//! What this module does not do: decide between encodings (see `detect.rs`)
//! or judge spelling: "ọ" is a well-formed syllable even if no word uses it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use once_cell::sync::Lazy;
use unicode_normalization::char::decompose_canonical;

/// A letter's shaped base (lower case) and tone (0 none, 1 sắc, 2 huyền,
/// 3 hỏi, 4 ngã, 5 nặng).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    /// Lower-case base with its shape: `a`, `ă`, `â`, `đ`, `ơ` …
    pub base: char,
    /// Tone number, 0 when none.
    pub tone: u8,
}

const SACS: u8 = 1;
const NANG: u8 = 5;

fn tone_of(mark: char) -> Option<u8> {
    Some(match mark {
        '\u{301}' => 1,
        '\u{300}' => 2,
        '\u{309}' => 3,
        '\u{303}' => 4,
        '\u{323}' => 5,
        _ => return None,
    })
}

/// `base` with the shape mark `mark` (circumflex, breve, horn), if Vietnamese.
fn shaped(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{302}') => 'â',
        ('a', '\u{306}') => 'ă',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31B}') => 'ơ',
        ('u', '\u{31B}') => 'ư',
        _ => return None,
    })
}

/// The blocks that hold every Vietnamese letter: Basic Latin to Latin
/// Extended-B (up to ư U+01B0), and Latin Extended Additional (ạ … ỹ).
const LOW_END: u32 = 0x1B0;
const HIGH: std::ops::RangeInclusive<u32> = 0x1EA0..=0x1EF9;

/// Every Vietnamese letter, upper and lower case, with its parts: a direct
/// table per block (this is on the hot path of detection and TCVN3 casing).
type Blocks = (Vec<Option<(Letter, bool)>>, Vec<Option<(Letter, bool)>>);
static LETTERS: Lazy<Blocks> = Lazy::new(|| {
    let parts_of = |code: u32| {
        let c = char::from_u32(code)?;
        if matches!(c, 'đ' | 'Đ') {
            return Some((
                Letter {
                    base: 'đ', tone: 0
                },
                c == 'Đ',
            ));
        }
        let mut parts = Vec::with_capacity(3);
        decompose_canonical(c, |d| parts.push(d));
        let letter = parts
            .split_first()
            .and_then(|(&b, marks)| compose(b, marks))?;
        Some((letter, c.is_uppercase()))
    };
    (
        (0..=LOW_END).map(parts_of).collect(),
        HIGH.map(parts_of).collect(),
    )
});

fn compose(base: char, marks: &[char]) -> Option<Letter> {
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let mut letter = Letter {
        base: base.to_ascii_lowercase(),
        tone: 0,
    };
    for &m in marks {
        letter = with_mark(letter, m)?;
    }
    Some(letter)
}

/// `letter` with one more combining mark, if the result is Vietnamese.
fn with_mark(letter: Letter, mark: char) -> Option<Letter> {
    match tone_of(mark) {
        Some(t) if letter.tone == 0 && is_vowel(letter.base) => Some(Letter { tone: t, ..letter }),
        Some(_) => None,
        None => shaped(letter.base, mark).map(|base| Letter { base, ..letter }),
    }
}

impl Letter {
    /// The parts of `c`, when it is a Vietnamese letter.
    pub fn of(c: char) -> Option<Letter> {
        Letter::with_case(c).map(|(l, _)| l)
    }

    /// The parts of `c` and whether it is a capital, when it is a
    /// Vietnamese letter (a table lookup: no Unicode case tables).
    pub fn with_case(c: char) -> Option<(Letter, bool)> {
        let code = c as u32;
        let (low, high) = &*LETTERS;
        if code <= LOW_END {
            low.get(code as usize).copied().flatten()
        } else if HIGH.contains(&code) {
            high.get((code - HIGH.start()) as usize).copied().flatten()
        } else {
            None
        }
    }
}

const INITIALS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Vowel nuclei (with on- and off-glides), toneless.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
    "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
];

/// Nuclei ending in an off-glide: no final consonant may follow.
const OPEN_ONLY: &[&str] = &[
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu", "yêu",
];

/// Nuclei that need a final consonant.
const CLOSED_ONLY: &[&str] = &["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê"];

const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Nuclei that may take the palatal finals ch and nh.
const PALATAL_OK: &[&str] = &["a", "ê", "i", "y", "oa", "uê", "uy"];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn rhyme_ok(rhyme: &str, tone: u8) -> bool {
    let split = rhyme
        .char_indices()
        .find(|&(_, c)| !is_vowel(c))
        .map_or(rhyme.len(), |(i, _)| i);
    let (nucleus, fin) = rhyme.split_at(split);
    if !NUCLEI.contains(&nucleus) || !FINALS.contains(&fin) {
        return false;
    }
    if fin.is_empty() {
        return !CLOSED_ONLY.contains(&nucleus);
    }
    if OPEN_ONLY.contains(&nucleus) {
        return false;
    }
    if matches!(fin, "ch" | "nh") && !PALATAL_OK.contains(&nucleus) {
        return false;
    }
    !matches!(fin, "c" | "ch" | "p" | "t") || tone == SACS || tone == NANG
}

/// True when `letters` (a word's letters in order) spell one well-formed
/// Vietnamese syllable.
pub fn is_valid_syllable(letters: &[Letter]) -> bool {
    if letters.is_empty() || letters.len() > 7 {
        return false;
    }
    let mut tone = 0;
    // The toneless spelling, in a stack buffer (7 letters of ≤ 2 bytes).
    let mut buf = [0u8; 16];
    let mut len = 0;
    for l in letters {
        if l.tone != 0 {
            if tone != 0 {
                return false;
            }
            tone = l.tone;
        }
        // encode_utf8 needs room for the character: at most 2 bytes here.
        let Some(slot) = buf.get_mut(len..).filter(|s| s.len() >= l.base.len_utf8()) else {
            return false;
        };
        len += l.base.encode_utf8(slot).len();
    }
    let Ok(plain) = std::str::from_utf8(buf.get(..len).unwrap_or_default()) else {
        return false;
    };
    INITIALS.iter().any(|init| {
        plain
            .strip_prefix(init)
            .is_some_and(|rest| rhyme_ok(rest, tone))
    })
}

/// A shaped base's 5-bit code in a syllable key (1–29).
fn base_code(base: char) -> Option<u64> {
    Some(match base {
        'a' => 1,
        'ă' => 2,
        'â' => 3,
        'b' => 4,
        'c' => 5,
        'd' => 6,
        'đ' => 7,
        'e' => 8,
        'ê' => 9,
        'g' => 10,
        'h' => 11,
        'i' => 12,
        'k' => 13,
        'l' => 14,
        'm' => 15,
        'n' => 16,
        'o' => 17,
        'ô' => 18,
        'ơ' => 19,
        'p' => 20,
        'q' => 21,
        'r' => 22,
        's' => 23,
        't' => 24,
        'u' => 25,
        'ư' => 26,
        'v' => 27,
        'x' => 28,
        'y' => 29,
        _ => return None,
    })
}

/// The lookup key of a syllable: 5 bits per toneless letter, then the tone
/// (3 bits), so that "hòa" and "hoà" are one key. `None` for a word too long
/// or with letters outside Vietnamese.
fn key(letters: &[Letter]) -> Option<u64> {
    if letters.len() > 10 {
        return None;
    }
    let mut k: u64 = 0;
    let mut tone = 0;
    for l in letters {
        let code = base_code(l.base)?;
        k = (k << 5) | code;
        tone = tone.max(l.tone);
    }
    Some((k << 3) | u64::from(tone))
}

/// The frequent syllables' keys, sorted.
static FREQUENT: Lazy<Vec<u64>> = Lazy::new(|| {
    let data = include_str!("../../rules/encodings/frequent_syllables.tsv");
    let mut keys: Vec<u64> = data
        .lines()
        .map(|line| line.split('\t').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .filter_map(|w| {
            let letters: Option<Vec<Letter>> = w.chars().map(Letter::of).collect();
            letters.and_then(|l| key(&l))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
});

/// True when the word is one of the frequent syllables.
pub fn is_frequent(letters: &[Letter]) -> bool {
    key(letters).is_some_and(|k| FREQUENT.binary_search(&k).is_ok())
}

/// What [`score`] counted.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Words holding a non-ASCII character (the words candidates disagree on).
    pub words: usize,
    /// Of those, well-formed syllables.
    pub valid: usize,
    /// Of those, frequent syllables.
    pub frequent: usize,
    /// Words that are not Vietnamese syllables.
    pub invalid: usize,
    /// U+FFFD and control characters (other than tab and line breaks).
    pub bad_chars: usize,
}

impl std::ops::Add for Score {
    type Output = Score;
    fn add(self, o: Score) -> Score {
        Score {
            words: self.words + o.words,
            valid: self.valid + o.valid,
            frequent: self.frequent + o.frequent,
            invalid: self.invalid + o.invalid,
            bad_chars: self.bad_chars + o.bad_chars,
        }
    }
}

impl Score {
    /// One number to compare candidates: valid and frequent words count
    /// for, invalid words and undecodable characters against.
    pub fn value(&self) -> f64 {
        self.valid as f64 + 0.5 * self.frequent as f64
            - self.invalid as f64
            - 2.0 * self.bad_chars as f64
    }

    /// Share of the scored words and characters that look Vietnamese, in [0, 1].
    pub fn validity(&self) -> f64 {
        let all = self.valid + self.invalid + self.bad_chars;
        if all == 0 {
            0.0
        } else {
            self.valid as f64 / all as f64
        }
    }
}

/// Punctuation outside ASCII that separates words (the Windows-1252
/// punctuation legacy files keep at 80–9F).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || matches!(
            c,
            '\u{2018}'..='\u{201F}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{2022}'
        )
}

fn is_bad(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
}

/// Count how Vietnamese `text` looks. Words are runs between white space,
/// ASCII punctuation and digits; only words with a non-ASCII character are
/// judged (pure ASCII words read the same in every candidate). A lone
/// capital accented letter is not judged either: it is how a legacy table's
/// punctuation (Windows-1252 "–" at 0x96) reads in a table that puts capitals
/// there (VN1 "Ọ").
pub fn score(text: &str) -> Score {
    let mut s = Score::default();
    let mut w = Word::default();
    // Verdicts (valid, frequent) by syllable key: a text repeats its
    // syllables, and judging one is the costly part.
    let mut verdicts = Verdicts::with_capacity_and_hasher(2048, Default::default());
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            w.push_ascii_letter(c);
            continue;
        }
        if is_bad(c) {
            s.bad_chars += 1;
        }
        if is_separator(c) {
            w.finish(&mut s, &mut verdicts);
            continue;
        }
        w.push(c);
    }
    w.finish(&mut s, &mut verdicts);
    s
}

/// Verdicts by syllable key, with a multiplicative hash (keys are already
/// well mixed integers; SipHash would cost more than the lookup saves).
type Verdicts = HashMap<u64, (bool, bool), BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The word being read by [`score`].
#[derive(Default)]
struct Word {
    letters: Vec<Letter>,
    chars: usize,
    non_ascii: bool,
    not_letters: bool,
    lone_capital: bool,
}

impl Word {
    fn push_ascii_letter(&mut self, c: char) {
        self.chars += 1;
        self.lone_capital = false;
        self.letters.push(Letter {
            base: c.to_ascii_lowercase(),
            tone: 0,
        });
    }

    fn push(&mut self, c: char) {
        self.chars += 1;
        self.non_ascii |= !c.is_ascii();
        if let Some((l, upper)) = Letter::with_case(c) {
            self.lone_capital = upper && !c.is_ascii();
            self.letters.push(l);
            return;
        }
        self.lone_capital = !c.is_ascii() && c.is_uppercase();
        // A combining mark (Windows-1258, NFD) joins the letter before it.
        let joined = self.letters.last().and_then(|&last| with_mark(last, c));
        match (joined, self.letters.last_mut()) {
            (Some(l), Some(last)) => {
                *last = l;
                self.chars -= 1;
            }
            _ => self.not_letters = true,
        }
    }

    fn finish(&mut self, s: &mut Score, verdicts: &mut Verdicts) {
        if self.non_ascii && !(self.chars == 1 && self.lone_capital) {
            s.words += 1;
            let tones = self.letters.iter().filter(|l| l.tone != 0).count();
            let key = key(&self.letters).filter(|_| !self.not_letters && tones <= 1);
            let verdict = key.map(|k| {
                *verdicts.entry(k).or_insert_with(|| {
                    (
                        is_valid_syllable(&self.letters),
                        FREQUENT.binary_search(&k).is_ok(),
                    )
                })
            });
            match verdict {
                Some((true, frequent)) => {
                    s.valid += 1;
                    s.frequent += usize::from(frequent);
                }
                _ => s.invalid += 1,
            }
        }
        self.letters.clear();
        self.chars = 0;
        self.non_ascii = false;
        self.not_letters = false;
        self.lone_capital = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Vec<Letter> {
        w.chars().map(|c| Letter::of(c).unwrap()).collect()
    }

    #[test]
    fn letters_split() {
        assert_eq!(
            Letter::of('ậ'),
            Some(Letter {
                base: 'â', tone: 5
            })
        );
        assert_eq!(
            Letter::of('Ữ'),
            Some(Letter {
                base: 'ư', tone: 4
            })
        );
        assert_eq!(
            Letter::of('Đ'),
            Some(Letter {
                base: 'đ', tone: 0
            })
        );
        assert_eq!(Letter::of('ç'), None);
        assert_eq!(Letter::of('ü'), None);
        assert_eq!(Letter::of('ñ'), None);
    }

    #[test]
    fn valid_syllables() {
        for w in [
            "của", "và", "được", "người", "nghiệp", "hoạch", "huyện", "khuyến", "quốc", "gì",
            "giữa", "giếng", "thủy", "thuở", "ủy", "xã", "năm", "tỉnh", "oái", "HOẠCH", "Ủy", "ăn",
            "ỉa", "hoà", "thé",
        ] {
            assert!(is_valid_syllable(&word(w)), "{w}");
        }
    }

    #[test]
    fn invalid_syllables() {
        for w in [
            "cafe", "nhân1", "vịết", "tat", "bàt", "ôch", "strong", "â", "ươ",
        ] {
            let letters: Option<Vec<_>> = w.chars().map(Letter::of).collect();
            assert!(!letters.is_some_and(|l| is_valid_syllable(&l)), "{w}");
        }
    }

    #[test]
    fn frequent_is_tone_placement_blind() {
        assert!(is_frequent(&word("hoá")));
        assert!(is_frequent(&word("hóa")));
        assert!(is_frequent(&word("Của")));
        assert!(!is_frequent(&word("xoong")));
    }

    #[test]
    fn scores() {
        let s = score("Ủy ban nhân dân tỉnh – Kế hoạch 12/KH-UBND");
        assert_eq!((s.words, s.valid, s.invalid, s.bad_chars), (6, 6, 0, 0));
        // Windows-1258 style: base letter then combining tone.
        let s = score("Vi\u{EA}\u{323}t Nam");
        assert_eq!((s.valid, s.invalid), (1, 0));
        let s = score("Vieät Nam \u{FFFD}");
        assert_eq!((s.valid, s.invalid, s.bad_chars), (0, 2, 1));
        // A lone capital is not judged.
        assert_eq!(score("2018 Ọ 2021").words, 0);
    }
}
