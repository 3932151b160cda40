//! Small realistic plans of other provinces and formats
//! (`tests/fixtures/plans/`): Markdown exports with task blocks
//! ("Đơn vị chủ trì: … / Thời gian thực hiện: …"), a task table, a Party
//! plan with lead-ins and group deadlines.

use kehoach::pipeline::{Engine, process_bytes};
use kehoach::record::PlanRecord;

fn record(name: &str) -> PlanRecord {
    let path = format!("{}/tests/fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    process_bytes(name, &bytes, &Engine::embedded().unwrap()).expect("a record")
}

/// (line, section, lead, support, deadline kind and until)
type Want<'a> = (
    u32,
    &'a str,
    &'a [&'a str],
    &'a [&'a str],
    Option<(&'a str, Option<&'a str>)>,
);

fn check(rec: &PlanRecord, want: &[Want<'_>]) {
    let got: Vec<String> = rec
        .tasks
        .iter()
        .map(|t| {
            format!(
                "{} {} {:?} {:?} {:?}",
                t.span.line,
                t.section,
                t.lead,
                t.support,
                t.deadline
                    .as_ref()
                    .map(|d| (d.kind.clone(), d.until.clone()))
            )
        })
        .collect();
    let want: Vec<String> = want
        .iter()
        .map(|(l, s, lead, sup, d)| {
            format!(
                "{l} {s} {lead:?} {sup:?} {:?}",
                d.map(|(k, u)| (k.to_string(), u.map(str::to_string)))
            )
        })
        .collect();
    assert_eq!(got, want);
}

fn has_body(rec: &PlanRecord, name: &str, role: &str) -> bool {
    rec.bodies
        .iter()
        .any(|b| b.name == name && b.roles.iter().any(|r| r == role))
}

#[test]
fn markdown_task_blocks() {
    let rec = record("quang_nam_2025_blocks.md");
    check(
        &rec,
        &[
            (19, "I.1", &["Các cơ quan, đơn vị, địa phương"], &[], None),
            (
                26,
                "II.1",
                &["Sở Tài chính"],
                &["Sở Kế hoạch và Đầu tư", "Sở Nội vụ"],
                Some(("by", Some("2025-02-28"))),
            ),
            (
                32,
                "II.2",
                &["Sở Nông nghiệp và Phát triển nông thôn"],
                &["Sở Tài nguyên và Môi trường", "Sở Nội vụ", "Sở Tư pháp"],
                Some(("by", Some("2025-03-31"))),
            ),
            (
                39,
                "II.3",
                &["Sở Khoa học và Công nghệ"],
                &["Sở Thông tin và Truyền thông"],
                Some(("by", Some("2025-03-31"))),
            ),
            (
                47,
                "II.4",
                &[
                    "Sở Văn hóa, Thể thao và Du lịch",
                    "Đài Phát thanh và Truyền hình tỉnh",
                    "Báo Quảng Nam",
                ],
                &[],
                None,
            ),
            (
                49,
                "II.4",
                &[
                    "Ủy ban Mặt trận Tổ quốc tỉnh",
                    "Các đoàn thể chính trị - xã hội",
                ],
                &[],
                None,
            ),
            (
                54,
                "III.1",
                &[
                    "Các sở",
                    "Các cơ quan, đơn vị",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                ],
                &[],
                Some(("recurring", Some("---25"))),
            ),
            (59, "III.2", &["Sở Nội vụ"], &[], None),
        ],
    );
    assert!(has_body(&rec, "Ban Chấp hành Trung ương", "issuer"));
    assert!(has_body(&rec, "Ủy ban nhân dân tỉnh", "report_to"));
    // Named only as the result of a merger: not acting.
    assert!(has_body(&rec, "Sở Nông nghiệp và Môi trường", "mentioned"));
    // The recipients block is not part of the plan.
    assert!(!rec.bodies.iter().any(|b| b.name == "Bộ Nội vụ"));
}

#[test]
fn markdown_task_table() {
    let rec = record("bac_ninh_2026_table.md");
    check(
        &rec,
        &[
            (
                17,
                "II",
                &["Sở Y tế"],
                &["Sở Nội vụ", "Sở Tài chính"],
                Some(("by", Some("2026-06-30"))),
            ),
            (
                18,
                "II",
                &["Ủy ban nhân dân các huyện, thị xã, thành phố"],
                &["Sở Giáo dục và Đào tạo"],
                Some(("by", Some("2026-09-30"))),
            ),
            (
                19,
                "II",
                &["Sở Nội vụ"],
                &["Các sở, ban, ngành"],
                Some(("by", Some("2026-12-15"))),
            ),
            (
                23,
                "III",
                &[
                    "Các sở, ban, ngành",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                ],
                &[],
                Some(("by", Some("2026-11-30"))),
            ),
        ],
    );
    assert_eq!(
        rec.tasks[0].text,
        "Rà soát, sắp xếp các đơn vị sự nghiệp công lập thuộc ngành y tế"
    );
    assert!(has_body(&rec, "Sở Nội vụ", "report_to"));
}

#[test]
fn party_plan_with_lead_ins_and_group_deadlines() {
    let rec = record("ha_tinh_tu_2019_party.txt");
    let bcs = "Ban Cán sự đảng Ủy ban nhân dân tỉnh";
    check(
        &rec,
        &[
            (9, "I", &["Các cấp ủy, tổ chức đảng"], &[], None),
            (
                14,
                "II.1",
                &["Ban Tuyên giáo Tỉnh ủy"],
                &["Sở Thông tin và Truyền thông", "Báo Hà Tĩnh"],
                Some(("ongoing", None)),
            ),
            (
                18,
                "II.2.a",
                &["Ban Tổ chức Tỉnh ủy"],
                &[],
                Some(("by", Some("2019-09-30"))),
            ),
            (
                19,
                "II.2.a",
                &["Ban Tổ chức Tỉnh ủy"],
                &[],
                Some(("by", Some("2019-12-31"))),
            ),
            (21, "II.2.b", &[bcs], &[], Some(("by", Some("2019-12-31")))),
            (22, "II.2.b", &[bcs], &[], Some(("by", Some("2019-12-31")))),
            (
                24,
                "II.3",
                &["Các huyện ủy, thành ủy, thị ủy, đảng ủy"],
                &[],
                Some(("by", Some("2019-06-30"))),
            ),
            (
                28,
                "III.1",
                &["Ủy ban Kiểm tra Tỉnh ủy"],
                &[],
                Some(("recurring", None)),
            ),
            (29, "III.2", &["Hội đồng nhân dân tỉnh"], &[], None),
        ],
    );
    assert!(has_body(&rec, "Bộ Chính trị", "issuer"));
    assert!(has_body(&rec, "Ban Thường vụ Tỉnh ủy", "report_to"));
    assert!(has_body(&rec, "Ban Tổ chức Tỉnh ủy", "report_to"));
    assert!(
        !rec.bodies
            .iter()
            .any(|b| b.name == "Ban Tổ chức Trung ương")
    );
}

#[test]
fn report_sections_have_no_tasks() {
    let text = "I. KẾT QUẢ THỰC HIỆN NĂM 2024\n1. Các sở, ban, ngành triển khai tốt việc sắp xếp bộ máy.\nII. NHIỆM VỤ, GIẢI PHÁP NĂM 2025\n1. Các sở, ban, ngành tiếp tục rà soát, sắp xếp bộ máy.\n";
    let rec = process_bytes("r.txt", text.as_bytes(), &Engine::embedded().unwrap()).unwrap();
    let lines: Vec<u32> = rec.tasks.iter().map(|t| t.span.line).collect();
    assert_eq!(lines, [4]);
}
