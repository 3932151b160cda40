//! The joined view: soft line breaks (a hard wrap inside a sentence, as in
//! Markdown exports of web pages or PDF text) replaced by spaces.
//!
//! A line break and a space are both one byte, so every byte offset in the
//! joined view is the same offset in the normalized text: rules match on the
//! joined view and their spans still point into the real lines.
//!
//! A break after line L is soft when L does not end a sentence or a heading
//! and the next line does not start a new item:
//! * the next non-blank line starts with a lower-case letter (also across
//!   blank lines, as PDF exports break "Thực\n\nhiện"), or
//! * the next line directly follows, L is long (a wrapped line, not a
//!   heading) or ends with a word that cannot end a sentence ("của", "số",
//!   "ngày", "và", a comma …).

/// Words after which a sentence cannot end.
const CONTINUES: &[&str] = &[
    "của", "số", "ngày", "tháng", "năm", "và", "với", "về", "các", "cho", "tại", "theo", "trong",
    "đến", "từ", "là", "được", "có", "những", "khóa", "hoặc", "để", "nhằm", "gồm", "như",
];

/// A line this long that does not end a sentence is a wrapped line.
const WRAPPED_LEN: usize = 60;

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches([' ', '\t', '*', '_']);
    t.is_empty() || t.ends_with(['.', ';', ':', '!', '?', '|']) || t.ends_with("./.")
}

/// Does `line` start a new item (outline marker, bullet, table row, heading)?
pub fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '-' | '+' | '•' | '*' | '|' | '#' | '–' | '>') {
        return true;
    }
    // "1.", "2.1.", "I.", "II-", "a)", "đ)", "A." …
    let head: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    let head = head.trim_end_matches('.');
    if head.is_empty() {
        return false;
    }
    let is_num = head
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let is_roman = head.chars().all(|c| "IVXL".contains(c)) && head.len() <= 5;
    let is_letter = head.chars().count() == 1 && head.chars().all(char::is_alphabetic);
    let rest = &t[head.len()..];
    let marker_end = rest.starts_with(['.', ')'])
        || rest.starts_with("- ")
        || rest.starts_with("-\t")
        || rest == "-";
    (is_num || is_roman || is_letter) && marker_end
}

fn last_word(line: &str) -> &str {
    line.trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start_matches([' ', '\t', '*', '_', '('])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Build the joined view of `text` (same length, same offsets).
pub fn join_soft_breaks(text: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    // soft[i]: the break after line i becomes a space.
    let mut soft = vec![false; lines.len()];
    let mut i = 0;
    while i + 1 < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() || ends_sentence(line) {
            i += 1;
            continue;
        }
        // The next non-blank line, and the breaks in between.
        let mut j = i + 1;
        while j < lines.len() && lines[j].trim().is_empty() {
            j += 1;
        }
        if j >= lines.len() {
            break;
        }
        let next = lines[j];
        let is_soft = !starts_item(next)
            && (starts_lowercase(next)
                || (j == i + 1
                    && (line.trim().chars().count() >= WRAPPED_LEN
                        || line.trim_end().ends_with(',')
                        || CONTINUES.contains(&last_word(line)))));
        if is_soft {
            soft[i..j].iter_mut().for_each(|s| *s = true);
        }
        i = j;
    }
    // Copy line by line: a '\n' and a ' ' are both one byte, so offsets stay.
    let mut out = String::with_capacity(text.len());
    let last = lines.len() - 1;
    for (k, line) in lines.drain(..).enumerate() {
        out.push_str(line);
        if k < last {
            out.push(if soft[k] { ' ' } else { '\n' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_length_and_offsets() {
        let text = "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của\nBan Chấp hành Trung ương.\n1. Sở Nội vụ\n- Tham mưu";
        let j = join_soft_breaks(text);
        assert_eq!(j.len(), text.len());
        assert!(j.starts_with("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban"));
        assert!(j.contains("Trung ương.\n1. Sở Nội vụ\n- Tham mưu"));
    }

    #[test]
    fn lowercase_continuation_across_blank_lines() {
        let j = join_soft_breaks("nhiều cơ quan hoạt động ổn định. Thực\n\nhiện khá tốt");
        assert_eq!(j, "nhiều cơ quan hoạt động ổn định. Thực  hiện khá tốt");
    }

    #[test]
    fn headings_are_not_joined() {
        let text = "KẾ HOẠCH\nTriển khai thực hiện\nI. MỤC ĐÍCH\n1. Mục đích\nNắm vững mục tiêu";
        assert_eq!(join_soft_breaks(text), text);
        assert_eq!(
            join_soft_breaks("1. Mục đích\nNắm vững"),
            "1. Mục đích\nNắm vững"
        );
    }

    #[test]
    fn item_markers() {
        for s in [
            "1. Sở",
            "2.1. Về",
            "III- NHIỆM VỤ",
            "a) Căn",
            "đ) Thực",
            "- Tham",
            "+ Năm",
            "| STT |",
            "B. NHIỆM",
        ] {
            assert!(starts_item(s), "{s}");
        }
        for s in ["Ban Chấp hành", "hiện khá tốt", "18-NQ/TW", "Sở Nội vụ"] {
            assert!(!starts_item(s), "{s}");
        }
    }
}
