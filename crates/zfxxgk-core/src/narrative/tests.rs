//! Data-driven tests of the narrative reader: sentences in the styles of real reports, the
//! published examples, and narratives rendered from random consistent tables.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::subjects::{Applicant as A, Outcome as O, Reason as Re};
use super::*;
use Subject as S;

const YEAR: Option<i32> = Some(2024);

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn show(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| {
            format!(
                "{:?}={} [{}] {:?}",
                c.subjects, c.value, c.written, c.period
            )
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// The claims of `text` are exactly `expected`: (first subject, value), in order, all this year.
fn check(text: &str, expected: &[(Subject, &str)]) {
    if let Some(failure) = mismatch(text, expected) {
        panic!("{failure}");
    }
}

/// Why the claims of `text` are not `expected`, if they are not.
fn mismatch(text: &str, expected: &[(Subject, &str)]) -> Option<String> {
    let got = claims(text, YEAR);
    let ok = got.len() == expected.len()
        && got
            .iter()
            .zip(expected)
            .all(|(c, (s, v))| c.subjects.first() == Some(s) && c.value == dec(v))
        && got.iter().all(|c| c.period == Period::ThisYear);
    for c in &got {
        assert!(
            text.get(c.span.clone()).is_some(),
            "span {:?} of {text}",
            c.span
        );
        assert!(!c.sentence.is_empty());
    }
    (!ok).then(|| {
        format!(
            "\ntext: {text}\nexpected: {expected:?}\ngot:\n  {}",
            show(&got)
        )
    })
}

/// What a text states: (first subject, value), in order.
type Expected = &'static [(Subject, &'static str)];

/// Sentences and what they state. Each line of a case is read as one paragraph.
const CASES: &[(&str, &[(Subject, &str)])] = &[
    // --- Applications received -----------------------------------------------------------
    (
        "今年以来，义马市交通运输局收到依申请公开信息 1 条。",
        &[(S::ApplicationsReceived, "1")],
    ),
    (
        "2024年，本机关共收到政府信息公开申请55件。",
        &[(S::ApplicationsReceived, "55")],
    ),
    (
        "全年共受理政府信息公开申请三十五件。",
        &[(S::ApplicationsReceived, "35")],
    ),
    (
        "本年度共收到政府信息公开申请１２件。",
        &[(S::ApplicationsReceived, "12")],
    ),
    (
        "本年度接收依申请公开两件。",
        &[(S::ApplicationsReceived, "2")],
    ),
    (
        "我局共收到 12 件政府信息公开申请。",
        &[(S::ApplicationsReceived, "12")],
    ),
    (
        "2024年度，我委共接到各类政府信息公开申请1,234件。",
        &[(S::ApplicationsReceived, "1234")],
    ),
    (
        "本年新收政府信息公开申请 265 件，上年结转 6 件。",
        &[
            (S::ApplicationsNew, "265"),
            (S::ApplicationsCarriedOver, "6"),
        ],
    ),
    (
        "2024年共收到政府信息公开申请一百零五件。",
        &[(S::ApplicationsReceived, "105")],
    ),
    (
        "本年度政府信息公开申请共计二十一件。",
        &[(S::ApplicationsReceived, "21")],
    ),
    (
        "本年度未收到政府信息公开申请。",
        &[(S::ApplicationsReceived, "0")],
    ),
    (
        "全年没有收到依申请公开事项。",
        &[(S::ApplicationsReceived, "0")],
    ),
    (
        "2024年我办暂未接到政府信息公开申请，无上年结转申请。",
        &[
            (S::ApplicationsReceived, "0"),
            (S::ApplicationsCarriedOver, "0"),
        ],
    ),
    // --- Applicant columns -----------------------------------------------------------------
    (
        "共收到政府信息公开申请55件，其中自然人申请27件，法人或其他组织申请28件。",
        &[
            (S::ApplicationsReceived, "55"),
            (S::ApplicationsFrom(A::NaturalPerson), "27"),
            (S::ApplicationsFrom(A::Organisations), "28"),
        ],
    ),
    (
        "本年度共收到政府信息公开申请 20 件。其中，自然人 15 件，商业企业 3 件，法律服务机构 2 件。",
        &[
            (S::ApplicationsReceived, "20"),
            (S::ApplicationsFrom(A::NaturalPerson), "15"),
            (S::ApplicationsFrom(A::Commercial), "3"),
            (S::ApplicationsFrom(A::LegalService), "2"),
        ],
    ),
    // --- Handling and results --------------------------------------------------------------
    ("全年办理申请 218 件。", &[(S::ApplicationsHandled, "218")]),
    (
        "本年度共办结政府信息公开申请62件，其中予以公开9件，部分公开1件，不予公开16件，无法提供5件，不予处理14件，其他处理10件；结转下年度继续办理7件。",
        &[
            (S::ApplicationsHandled, "62"),
            (S::Granted, "9"),
            (S::PartlyGranted, "1"),
            (S::Denied, "16"),
            (S::Unavailable, "5"),
            (S::Rejected, "14"),
            (S::OtherHandling, "10"),
            (S::ApplicationsCarriedForward, "7"),
        ],
    ),
    (
        "政府信息公开申请已全部按时答复，答复 55 件，其中 9 件予以公开、1 件部分公开，7 件结转下年度办理。",
        &[
            (S::ApplicationsHandled, "55"),
            (S::Granted, "9"),
            (S::PartlyGranted, "1"),
            (S::ApplicationsCarriedForward, "7"),
        ],
    ),
    (
        "在办理结果中，予以公开、部分公开、不予公开分别为 9 件、1 件、16 件。",
        &[
            (S::Granted, "9"),
            (S::PartlyGranted, "1"),
            (S::Denied, "16"),
        ],
    ),
    (
        "不予公开 16 件（其中属于国家秘密 6 件，属于行政执法案卷 1 件），因本机关不掌握相关政府信息无法提供 1 件。",
        &[
            (S::Denied, "16"),
            (S::Reason(Re::StateSecret), "6"),
            (S::Reason(Re::Enforcement), "1"),
            (S::Reason(Re::NotHeld), "1"),
        ],
    ),
    (
        "重复申请 2 件，要求提供公开出版物 8 件，均不予处理。",
        &[
            (S::Reason(Re::Duplicate), "2"),
            (S::Reason(Re::Publication), "8"),
        ],
    ),
    (
        "上年结转的 3 件申请均已办结，另有 2 件结转至2025年继续办理。",
        &[
            (S::ApplicationsCarriedOver, "3"),
            (S::ApplicationsCarriedForward, "2"),
        ],
    ),
    (
        "2023年结转申请 4 件。",
        &[(S::ApplicationsCarriedOver, "4")],
    ),
    (
        "本年新收申请 55 件，上年结转 7 件，合计 62 件。",
        &[
            (S::ApplicationsNew, "55"),
            (S::ApplicationsCarriedOver, "7"),
            (S::ApplicationsTotal, "62"),
        ],
    ),
    (
        "予以公开 9 件、部分公开 1 件、不予公开 16 件，共计 26 件。",
        &[
            (S::Granted, "9"),
            (S::PartlyGranted, "1"),
            (S::Denied, "16"),
            (S::ApplicationsHandled, "26"),
        ],
    ),
    (
        "予以公开、部分公开各 1 件。",
        &[(S::Granted, "1"), (S::PartlyGranted, "1")],
    ),
    (
        "目前仍在办理中的 2 件。",
        &[(S::ApplicationsCarriedForward, "2")],
    ),
    // --- Table 四 --------------------------------------------------------------------------
    (
        "本年度因政府信息公开被申请行政复议 8 件，其中结果维持 2 件、结果纠正 2 件、其他结果 3 件、尚未审结 1 件；被提起行政诉讼 9 件，其中维持 3 件、纠正 3 件、其他结果 2 件、尚未审结 1 件。",
        &[
            (S::ReviewTotal, "8"),
            (S::ReviewUpheld, "2"),
            (S::ReviewCorrected, "2"),
            (S::ReviewOther, "3"),
            (S::ReviewPending, "1"),
            (S::LitigationTotal, "9"),
            (S::LitigationUpheld, "3"),
            (S::LitigationCorrected, "3"),
            (S::LitigationOther, "2"),
            (S::LitigationPending, "1"),
        ],
    ),
    (
        "发生行政复议案件3起，行政诉讼案件13件（其中未经复议直接起诉9件，复议后起诉4件）。",
        &[
            (S::ReviewTotal, "3"),
            (S::LitigationTotal, "13"),
            (S::LitigationDirect(O::Total), "9"),
            (S::LitigationAfterReview(O::Total), "4"),
        ],
    ),
    (
        "未经复议直接起诉 6 件，其中结果维持 2 件，尚未审结 4 件。",
        &[
            (S::LitigationDirect(O::Total), "6"),
            (S::LitigationDirect(O::Upheld), "2"),
            (S::LitigationDirect(O::Pending), "4"),
        ],
    ),
    (
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "2024年度，本机关政府信息公开行政复议、行政诉讼均未发生。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "因政府信息公开申请引发的行政复议、行政诉讼案件均为0件。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "全年未收到行政复议申请，也未被提起行政诉讼。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "行政复议和行政诉讼情况：均为零。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    // --- Table 二 --------------------------------------------------------------------------
    (
        "本年度制发规章3件，废止1件，现行有效27件。",
        &[
            (S::RegulationsIssued, "3"),
            (S::RegulationsRepealed, "1"),
            (S::RegulationsInForce, "27"),
        ],
    ),
    (
        "全年出台行政规范性文件 4 件、废止 2 件，截至2024年12月31日，现行有效规范性文件 32 件。",
        &[
            (S::NormativeIssued, "4"),
            (S::NormativeRepealed, "2"),
            (S::NormativeInForce, "32"),
        ],
    ),
    (
        "印发规章 2 件、规范性文件 5 件。",
        &[(S::RegulationsIssued, "2"), (S::NormativeIssued, "5")],
    ),
    ("本年度未制发规范性文件。", &[(S::NormativeIssued, "0")]),
    (
        "全年作出行政许可决定384件，行政处罚决定162件，行政强制措施2件。",
        &[
            (S::Licensing, "384"),
            (S::Penalty, "162"),
            (S::Coercion, "2"),
        ],
    ),
    (
        "办理行政许可 373 件，查处行政处罚案件 199 起，实施行政强制 14 次。",
        &[
            (S::Licensing, "373"),
            (S::Penalty, "199"),
            (S::Coercion, "14"),
        ],
    ),
    (
        "行政许可、行政处罚、行政强制分别为 384 件、162 件、2 件。",
        &[
            (S::Licensing, "384"),
            (S::Penalty, "162"),
            (S::Coercion, "2"),
        ],
    ),
    (
        "本年度收取行政事业性收费 18.82 万元。",
        &[(S::Fees, "18.82")],
    ),
    ("行政事业性收费金额为3940元。", &[(S::Fees, "0.394")]),
    ("全年行政事业性收费0.39万元。", &[(S::Fees, "0.39")]),
    ("本年度未收取行政事业性收费。", &[(S::Fees, "0")]),
    // --- Not table quantities ----------------------------------------------------------------
    ("报告所列数据统计期限自2024年1月1日至2024年12月31日。", &[]),
    (
        "根据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。",
        &[],
    ),
    ("如对本报告有疑问，请联系：0398-5812345。", &[]),
    ("详见第 3 页附表。", &[]),
    ("政府信息公开申请按时答复率100%，较上年增长 15%。", &[]),
    (
        "全年共收到政府信息公开申请 55 件，较上年增加 5 件，同比下降 3 件。",
        &[(S::ApplicationsReceived, "55")],
    ),
    ("比去年多收到 5 件。", &[]),
    ("2024年，我局主动公开政府信息 356 条。", &[]),
    (
        "全年发布信息 1200 余条，召开会议 3 次，组织培训 2 次。",
        &[],
    ),
    ("优化网站栏目 12 个，召开新闻发布会 4 场。", &[]),
    ("本年度未收取信息处理费。", &[]),
    ("收取信息处理费 0 元。", &[]),
    (
        "一是加强组织领导；二是规范依申请公开流程；三是危及“三安全一稳定”的不予公开。",
        &[],
    ),
    (
        "依法对属于三类内部事务、四类过程性信息的申请作出答复。",
        &[],
    ),
    ("推进“一网通办”和“一站式”服务，高效办成一件事。", &[]),
    ("第一，进一步规范答复文书；第二，统一答复格式。", &[]),
    (
        "共收到政府信息公开申请 55 件，涉及征地拆迁等 12 个领域。",
        &[(S::ApplicationsReceived, "55")],
    ),
    (
        "从申请渠道看，网上申请 40 件，当面申请 10 件，信函申请 5 件。",
        &[],
    ),
    ("网上受理申请 40 件。", &[]),
    ("收到群众来信 3 封，意见建议 12 条。", &[]),
    ("办理人大代表建议 8 件、政协委员提案 12 件。", &[]),
    ("公开行政许可信息 384 条。", &[]),
    ("清理规范性文件 50 件。", &[]),
    ("制定规章制度 3 项。", &[]),
    ("组织开展政务公开培训十余次。", &[]),
    ("数十件申请均已办结。", &[]),
    ("十几件申请均已办结。", &[]),
    ("本年度依申请公开工作进一步规范。", &[]),
    ("无。", &[]),
    ("无偿提供政府信息公开申请表格。", &[]),
    ("在收到政府信息公开申请接收回执后迅速查阅资料。", &[]),
    ("最多跑一次，一次性告知。", &[]),
    ("有 2 件申请因申请人逾期未补正不再处理。", &[]),
    ("（二）依申请公开\n群众投诉举报处理 3 件。", &[]),
    (
        "（二）依申请公开\n全年共收到 12 件，均已办结。",
        &[(S::ApplicationsReceived, "12")],
    ),
    (
        "申请内容主要涉及征地补偿、房屋拆迁等方面，其中涉及征地补偿的12件。",
        &[],
    ),
    (
        "全年新收政府信息公开申请 8 件（其中网上申请 6 件、信函申请 2 件）。",
        &[(S::ApplicationsNew, "8")],
    ),
    (
        "上年度结转的政府信息公开申请 1 件已于 2024 年 1 月办结。",
        &[(S::ApplicationsCarriedOver, "1")],
    ),
    (
        "无因政府信息公开引起的行政复议和行政诉讼。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "政府信息公开行政复议、行政诉讼：0件。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "我局未被申请行政复议，未被提起行政诉讼。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    ("全年依申请公开0件。", &[(S::ApplicationsReceived, "0")]),
    (
        "其中 3 件申请予以公开，2 件申请因不掌握相关政府信息无法提供。",
        &[(S::Granted, "3"), (S::Reason(Re::NotHeld), "2")],
    ),
    (
        "行政处罚案件 162 件，罚款 120 万元；行政事业性收费项目 5 项。",
        &[(S::Penalty, "162")],
    ),
    ("行政事业性收费合计 1.2 万元。", &[(S::Fees, "1.2")]),
    ("本年度行政事业性收费 35,000 元。", &[(S::Fees, "3.5")]),
    (
        "全年共处理群众来信来访 15 件，12345热线交办件 300 余件。",
        &[],
    ),
    (
        "1-12月共收到政府信息公开申请 20 件。",
        &[(S::ApplicationsReceived, "20")],
    ),
    (
        "本年度行政复议案件 2 件，均维持原行政行为。",
        &[(S::ReviewTotal, "2")],
    ),
    (
        "年内共发生政府信息公开行政诉讼 2 起，法院均判决驳回原告诉讼请求。",
        &[(S::LitigationTotal, "2")],
    ),
    (
        "被申请行政复议 1 件（已审结，结果维持 1 件）。",
        &[(S::ReviewTotal, "1"), (S::ReviewUpheld, "1")],
    ),
    (
        "截至目前，我局现行有效行政规范性文件 32 件，本年度新增 3 件。",
        &[(S::NormativeInForce, "32"), (S::NormativeIssued, "3")],
    ),
    ("在网站公开规范性文件 12 件。", &[]),
    // --- Held-out corpus (tests/fixtures/audit-heldout), each a phrasing that was misread ----
    // clean-county-gov-2024: 未到 (not yet due) is no statement of none about 结转下年度 (and
    // the 6 before it, with no keyword of its own, is not read).
    (
        "（二）依申请公开情况\n截至2024年12月31日，已办结134件，办理答复期限内答复率100%；尚有6件因未到答复期限结转下年度继续办理。",
        &[(S::ApplicationsHandled, "134")],
    ),
    // clean-water-2024: the appeals before 未发生 belong to the clause before it.
    (
        "本年度我局未发生政府信息公开行政复议、行政诉讼案件，未发生责任追究情况。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    ("行政复议、行政诉讼案件，未发生责任追究情况。", &[]),
    // clean-county-gov-2022: 结果为维持 before a semicolon is the review's, not the lawsuit's.
    (
        "全年因政府信息公开被申请行政复议1件，结果为维持；被直接提起行政诉讼1件，尚未审结。",
        &[(S::ReviewTotal, "1"), (S::LitigationDirect(O::Total), "1")],
    ),
    // clean-provident-fund-2024: a count that includes a remark's quantity is a sum no cell holds.
    (
        "其中予以公开（含部分公开）25件，不予公开2件。",
        &[(S::Denied, "2")],
    ),
    (
        "共收到政府信息公开申请44件（含上年结转3件）。",
        &[
            (S::ApplicationsReceived, "44"),
            (S::ApplicationsCarriedOver, "3"),
        ],
    ),
    // clean-justice-2023: a 司法局's (or a government's) own review and litigation work.
    (
        "全年县政府共收到行政复议申请138件，依法受理126件，审结118件，公开行政复议决定书76份；办理以县政府为被告的行政应诉案件35件。",
        &[],
    ),
    ("全年办理行政复议案件230件，行政应诉案件85件。", &[]),
    (
        "全年因政府信息公开被申请行政复议3件。县政府全年受理行政复议申请200件，其中维持120件。",
        &[(S::ReviewTotal, "3")],
    ),
    (
        "全年因政府信息公开被申请行政复议2件，复议机关均已受理，其中维持1件。",
        &[(S::ReviewTotal, "2"), (S::ReviewUpheld, "1")],
    ),
    // clean-education-sports-2023: how a court disposed of a case, not a column of table 四.
    (
        "因政府信息公开被直接提起行政诉讼2件，其中一审判决维持1件、裁定驳回起诉1件。",
        &[
            (S::LitigationDirect(O::Total), "2"),
            (S::LitigationDirect(O::Upheld), "1"),
        ],
    ),
    (
        "因政府信息公开被提起行政诉讼1件，法院判决驳回原告诉讼请求1件。",
        &[(S::LitigationTotal, "1")],
    ),
    // clean-housing-2024: a semicolon ends the remark of the figure before it.
    (
        "不予公开3件（均为保护第三方合法权益）；无法提供14件。",
        &[(S::Denied, "3"), (S::Unavailable, "14")],
    ),
    // bad-reason-fee-unpaid (missed): 逾期未缴纳信息处理费, 逾期未补正.
    (
        "其他处理15件（其中申请人逾期未缴纳信息处理费1件）。",
        &[(S::OtherHandling, "15"), (S::Reason(Re::FeeUnpaid), "1")],
    ),
    (
        "申请人逾期未补正的2件，不再处理。",
        &[(S::Reason(Re::NoCorrection), "2")],
    ),
    // --- Phrasings of published reports that were misread (read 2026-11-30; the sentences are
    // ours, written in their styles) ---------------------------------------------------------
    // A remark's roles do not reach past it: the 27 documents are published, not repealed.
    (
        "本年度公开市政府规章8件（含新制定3件，修改2件，废止3件），公开市政府办公室行政规范性文件27件。",
        &[(S::RegulationsIssued, "3"), (S::RegulationsRepealed, "3")],
    ),
    // 法人或者其他组织 is all the organisations, not the column 其他.
    (
        "收到政府信息公开申请4件，申请人为自然人的3件，法人或者其他组织的1件。",
        &[
            (S::ApplicationsReceived, "4"),
            (S::ApplicationsFrom(A::NaturalPerson), "3"),
            (S::ApplicationsFrom(A::Organisations), "1"),
        ],
    ),
    // 结转上年度 is carried over from last year, and its 上年 is no period of what follows.
    (
        "全年收政府信息公开申请120件，结转上年度政府信息公开申请2件，本年度办结110件，剩余12件结转下年度办理。",
        &[
            (S::ApplicationsCarriedOver, "2"),
            (S::ApplicationsHandled, "110"),
            (S::ApplicationsCarriedForward, "12"),
        ],
    ),
    (
        "2024年，我局收到依申请公开64件，结转上年2件；办理60件，下年度继续办理6件。",
        &[
            (S::ApplicationsReceived, "64"),
            (S::ApplicationsCarriedOver, "2"),
            (S::ApplicationsHandled, "60"),
        ],
    ),
    // Published items (条) are no decisions, and a verb of its own ends the decisions' topic.
    (
        "其中公开部门预算等资金信息31条，建设工程行政许可审批15条，人大代表建议和答复12条，政协提案和答复9条。",
        &[],
    ),
    // The parts of a power list (保留行政权力 612 项。其中，…) are no decisions.
    (
        "动态调整行政权力事项清单，保留行政权力612项。其中，行政许可31项、行政处罚502项、行政强制18项。",
        &[],
    ),
    // 不作为政府信息公开申请处理 and 不再处理 are reasons, not the applications handled.
    (
        "全年共收到政府信息公开申请40件，属于信访、投诉、举报等申请不作为政府信息公开申请处理6件，申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请1件。",
        &[
            (S::ApplicationsReceived, "40"),
            (S::Reason(Re::Petition), "6"),
            (S::Reason(Re::NoCorrection), "1"),
        ],
    ),
    // What is answered next year is carried forward.
    (
        "通过网站办理并答复信息公开申请5件、纸质申请20件，顺延至下一年答复3件。",
        &[(S::ApplicationsCarriedForward, "3")],
    ),
    // A clause that names its topic is whole: the 5 are reviews only.
    (
        "因政府信息公开被申请行政复议或提起行政诉讼中，行政复议5件，均维持；行政诉讼2件。",
        &[(S::ReviewTotal, "5"), (S::LitigationTotal, "2")],
    ),
    // Statements of none with words after the topics that do not qualify them.
    (
        "本年度没有发生因政府信息公开申请而引起的行政复议、行政诉讼等情况。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    (
        "未发生行政复议、行政诉讼案件或出现申诉情况。",
        &[(S::ReviewTotal, "0"), (S::LitigationTotal, "0")],
    ),
    ("本年度无行政事业性收费事项。", &[(S::Fees, "0")]),
    (
        "2024年，街道办事处未收到政府信息公开申请件。",
        &[(S::ApplicationsReceived, "0")],
    ),
    // Denying an outcome (被改变, 败诉) is no statement that there were no cases.
    (
        "未发生因信息公开引起的行政复议被改变或行政诉讼败诉情形。",
        &[],
    ),
    // A kind of applications (…类) is a part, and 或 joins two results into a sum.
    ("委托县自然资源局办理自然资源类政府信息公开申请18件。", &[]),
    (
        "其中予以公开或部分公开3件，本机关不掌握4件。",
        &[(S::Reason(Re::NotHeld), "4")],
    ),
    // --- A second set of published phrasings (read 2026-11-30, measured before these fixes) ---
    // Two verbs of table 三 joined: either count.
    (
        "依法依规做好依申请公开工作，全年共受理和办结政府信息公开申请6件。",
        &[(S::ApplicationsHandled, "6")],
    ),
    // 依申请公开政府信息 names the applications.
    (
        "新收到依申请公开政府信息30件，答复依申请公开政府信息28件，结转下年度继续办理2件。",
        &[
            (S::ApplicationsNew, "30"),
            (S::ApplicationsHandled, "28"),
            (S::ApplicationsCarriedForward, "2"),
        ],
    ),
    // Lawsuits about the agency's acts in general, and figures of a part of the year.
    ("分局因具体行政行为被提起行政诉讼3起。", &[]),
    (
        "2024年上半年，全区共受理政府信息公开申请120件，答复118件。",
        &[],
    ),
    // The whole district and the government itself in one sentence: the government's figures.
    (
        "全年全区共受理申请公开500件，结转下年度办理20件，区政府本级共受理150件，结转下年度办理5件。",
        &[
            (S::ApplicationsReceived, "150"),
            (S::ApplicationsCarriedForward, "5"),
        ],
    ),
    // Outcomes are not of the appeals stated as none.
    (
        "因政府信息公开申请被申请行政复议4宗、行政诉讼0宗，其中2宗维持原答复，1宗结果纠正，1宗尚未审结。",
        &[
            (S::ReviewTotal, "4"),
            (S::LitigationTotal, "0"),
            (S::ReviewUpheld, "2"),
            (S::ReviewCorrected, "1"),
            (S::ReviewPending, "1"),
        ],
    ),
    // The words after a number are its own, not the clause's before the comma.
    (
        "政府信息公开类行政复议60件，行政诉讼20件，其中：45件行政复议、12件行政诉讼获维持，5件行政复议结果纠正。",
        &[
            (S::ReviewTotal, "60"),
            (S::LitigationTotal, "20"),
            (S::ReviewCorrected, "5"),
        ],
    ),
    ("办理查封扣押案件2件、不予行政处罚案件1件。", &[]),
    // The results of the carried-over applications are not the year's results.
    (
        "全年共受理依申请公开40件，予以公开28件。包括2023年结转政府信息公开申请3件，其中，同意公开3件。",
        &[
            (S::ApplicationsReceived, "40"),
            (S::Granted, "28"),
            (S::ApplicationsCarriedOver, "3"),
        ],
    ),
    (
        "办结依申请公开件90件（含上年结转的3件），其中，予以公开40件，部分公开20件。",
        &[
            (S::ApplicationsHandled, "90"),
            (S::ApplicationsCarriedOver, "3"),
            (S::Granted, "40"),
            (S::PartlyGranted, "20"),
        ],
    ),
    // --- A third set, measured held out before these fixes ----------------------------------
    // A clause that names its role is whole: 上年无结转 is no period of what follows.
    (
        "本单位新收到政府信息依申请公开2件，上年无结转，已办理2件，无结转下年度。",
        &[
            (S::ApplicationsNew, "2"),
            (S::ApplicationsCarriedOver, "0"),
            (S::ApplicationsHandled, "2"),
            (S::ApplicationsCarriedForward, "0"),
        ],
    ),
    // Two scopes of one quantity in one sentence: neither is known to be the table's.
    (
        "政府新收依申请公开数量为2件，办理结果为予以公开2件；部门新收依申请公开数量为4件，办理结果为予以公开1件，无法提供2件。",
        &[(S::Unavailable, "2")],
    ),
    // A count over a span of years is not the year's.
    (
        "报送以县政府名义出台的16件行政规范性文件目录（2017-2021年），经清理，现行有效10件。",
        &[(S::NormativeInForce, "10")],
    ),
    // Messages of a mailbox are no applications.
    (
        "网站公开信箱收到留言380件，除6件正在办理中，其余均按期办结。",
        &[],
    ),
    (
        "全年受理依申请公开30件，已按时办结29件，1件结转至下年办理。",
        &[
            (S::ApplicationsReceived, "30"),
            (S::ApplicationsHandled, "29"),
            (S::ApplicationsCarriedForward, "1"),
        ],
    ),
    // --- A fourth set, measured held out before these fixes ----------------------------------
    // "等原因" before a result: the result's group counts them all.
    (
        "其中，予以公开10件，部分公开2件，12件因属于重复申请、信访投诉类申请等原因不予处理，7件因逾期不补正等原因作其他处理。",
        &[
            (S::Granted, "10"),
            (S::PartlyGranted, "2"),
            (S::Rejected, "12"),
            (S::OtherHandling, "7"),
        ],
    ),
    // 办理结果为 introduces the result, not a count of applications handled.
    (
        "其中，2件办理结果为主动公开，2件办理结果为无法提供，8件办理结果为本机关不掌握相关政府信息。",
        &[(S::Unavailable, "2"), (S::Reason(Re::NotHeld), "8")],
    ),
    // A breakdown in a remark is not the intake; appeals carried over are not applications.
    (
        "予以公开3件（主动公开1件，依申请公开2件），无法提供1件。",
        &[(S::Granted, "3"), (S::Unavailable, "1")],
    ),
    (
        "因政府信息依申请公开答复被申请行政复议9件（含上一年度结转1件），被提起行政诉讼1件。",
        &[(S::ReviewTotal, "9"), (S::LitigationTotal, "1")],
    ),
    (
        "全年共收到行政复议1件，未经复议直接诉讼0件，复议后诉讼0件。",
        &[
            (S::LitigationDirect(O::Total), "0"),
            (S::LitigationAfterReview(O::Total), "0"),
        ],
    ),
    // Another agency's applications, and a comparison's year that stays in its clause.
    (
        "全年共答复政府信息公开申请44件、相比于2023年增长46.7%；协助市政府办理申请12件。",
        &[(S::ApplicationsHandled, "44")],
    ),
    (
        "由于本机关不掌握相关政府信息而无法提供29件。",
        &[(S::Reason(Re::NotHeld), "29")],
    ),
    // --- A fifth set, measured held out before these fixes -----------------------------------
    (
        "2023年，我办全年未收到行政许可申请；全年未接到信息公开申请。",
        &[(S::ApplicationsReceived, "0")],
    ),
    // A role of an earlier sentence reaches no count of a later one.
    (
        "动态更新行政规范性文件有效性标注。统一发布乡镇2023年行政规范性文件68件。",
        &[],
    ),
    // Counts of what was published, by kind, are no applications or results.
    (
        "2023年，市城市管理局主动公开36件、依申请公开436件、不予公开43件。",
        &[],
    ),
    (
        "2022年公开政府信息250余条，工作动态91条、通知公告23条、政府文件8条、依申请公开2条。",
        &[],
    ),
    // A review withdrawn is no count of reviews.
    (
        "信息公开行政复议案件3件，维持1件，纠正1件，撤销复议申请1件。",
        &[
            (S::ReviewTotal, "3"),
            (S::ReviewUpheld, "1"),
            (S::ReviewCorrected, "1"),
        ],
    ),
    // A number whose remark lists a part of its own kind is a sum of kinds.
    (
        "全市共公开新增市政府规章12件（含新制定3件，修改9件）。",
        &[(S::RegulationsIssued, "3")],
    ),
    // A role of an earlier sentence does not reach a phrase with a verb of its own.
    (
        "及时制发规范性文件。在门户网站发布县政府办公室行政规范性文件21件。",
        &[],
    ),
    // 新发布 is issued, whatever was repealed earlier in the sentence.
    (
        "及时废止与上位法不一致的文件，本年度新发布的行政规范性文件5件。",
        &[(S::NormativeIssued, "5")],
    ),
];

#[test]
fn sentences_in_the_styles_of_real_reports() {
    assert!(CASES.len() >= 60, "{}", CASES.len());
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(text, expected)| mismatch(text, expected))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed:{}",
        failures.len(),
        failures.join("")
    );
}

#[test]
fn ambiguous_phrasing_gives_several_readings() {
    let c = claims("全年办理申请 218 件。", YEAR);
    assert_eq!(
        c[0].subjects,
        vec![S::ApplicationsHandled, S::ApplicationsReceived]
    );
    let c = claims("结转 3 件。", YEAR);
    assert_eq!(
        c[0].subjects,
        vec![S::ApplicationsCarriedOver, S::ApplicationsCarriedForward]
    );
    // A part is never read as a total: "其中自然人申请" is the column's own subject.
    let c = claims("收到申请 12 件，其中自然人申请 10 件。", YEAR);
    assert_eq!(c[1].subjects, vec![S::ApplicationsFrom(A::NaturalPerson)]);
    // A reason and its group: "不掌握等原因" may be all of （四）.
    let c = claims("因本机关不掌握等原因无法提供265件。", YEAR);
    assert_eq!(
        c[0].subjects,
        vec![S::Reason(Re::NotHeld), S::Unavailable],
        "{}",
        show(&c)
    );
    // Applicant parts of a result are not read.
    check("予以公开 9 件，其中自然人 7 件。", &[(S::Granted, "9")]);
}

#[test]
fn periods() {
    let c = claims("2023年收到申请 150 件。", YEAR);
    assert_eq!(c[0].period, Period::Year(2023));
    let c = claims("上年共收到申请 80 件，今年收到 100 件。", YEAR);
    assert_eq!(
        c.iter().map(|c| c.period).collect::<Vec<_>>(),
        vec![Period::PreviousYear, Period::ThisYear]
    );
    let c = claims("上年结转 3 件。", YEAR);
    assert_eq!(c[0].period, Period::ThisYear);
    assert_eq!(c[0].subjects, vec![S::ApplicationsCarriedOver]);
    let c = claims("二〇二四年共收到申请十二件。", YEAR);
    assert_eq!((c[0].period, c[0].value), (Period::ThisYear, dec("12")));
    let c = claims("2024年收到申请 12 件。", None);
    assert_eq!(c[0].period, Period::Year(2024));
    // Held-out corpus (clean-township-xikou-2023): a year inside a remark is the remark's.
    let c = claims(
        "全年收到政府信息公开申请12件（2022年为9件），其中自然人11件、法人或其他组织1件。",
        YEAR,
    );
    assert_eq!(
        c.iter().map(|c| (c.period, c.value)).collect::<Vec<_>>(),
        vec![
            (Period::ThisYear, dec("12")),
            (Period::Year(2022), dec("9")),
            (Period::ThisYear, dec("11")),
            (Period::ThisYear, dec("1")),
        ],
        "{}",
        show(&c)
    );
    // The year of the applications an appeal arose from is not the appeal's.
    let c = claims("办理因2023年度政府信息公开申请引发行政复议2件。", YEAR);
    assert_eq!(c.len(), 1, "{}", show(&c));
    assert_eq!(
        (c[0].subjects[0], c[0].period),
        (S::ReviewTotal, Period::ThisYear)
    );
    let c = claims("收到申请 100 件，比上年的 80 件增加了 20 件。", YEAR);
    assert_eq!(c.len(), 2, "{}", show(&c));
    assert_eq!(c[1].period, Period::PreviousYear);
    assert_eq!(c[1].subjects, vec![S::ApplicationsReceived]);
    assert_eq!(c[1].value, dec("80"));
}

#[test]
fn written_span_sentence_and_approximation() {
    // Held-out corpus (clean-approval-2024): a count in 万 is rounded.
    let c = claims("全年办理行政许可3.2万件。", YEAR);
    assert_eq!((c[0].value, c[0].approximate), (dec("32000"), true));
    let c = claims("全年收取行政事业性收费3.2万元。", YEAR);
    assert_eq!((c[0].value, c[0].approximate), (dec("3.2"), false));
    let text = "一、总体情况\n（二）依申请公开\n今年以来，我局收到依申请公开信息 1 条。行政事业性收费 3940 元。";
    let c = claims(text, YEAR);
    assert_eq!(c.len(), 2, "{}", show(&c));
    assert_eq!(c[0].written, "1 条");
    assert_eq!(&text[c[0].span.clone()], "1");
    assert_eq!(c[0].sentence, "今年以来，我局收到依申请公开信息 1 条。");
    assert_eq!(c[1].written, "3940 元");
    assert_eq!(c[1].value, dec("0.394"));
    let c = claims("共收到政府信息公开申请１２件、办结十二件。", YEAR);
    assert_eq!(c[0].written, "１２件");
    assert_eq!(c[1].written, "十二件");
    let c = claims(
        "全年共收到政府信息公开申请 200 余件，办结近 190 件，行政处罚 100 件左右。",
        YEAR,
    );
    assert_eq!(c.len(), 3);
    assert!(c.iter().all(|c| c.approximate));
    assert!(!claims("收到申请 12 件。", YEAR)[0].approximate);
    // A long sentence is cut around the number.
    let long = format!(
        "{}，共收到政府信息公开申请 12 件，{}。",
        "为".repeat(200),
        "这".repeat(200)
    );
    let c = claims(&long, YEAR);
    assert_eq!(c.len(), 1);
    assert!(c[0].sentence.chars().count() <= SENTENCE_MAX + 2);
    assert!(c[0].sentence.contains("12 件"), "{}", c[0].sentence);
    assert!(c[0].sentence.starts_with('…') && c[0].sentence.ends_with('…'));
    // A statement of none: the words, as written.
    let c = claims("本年度未收到政府信息公开申请。", YEAR);
    assert_eq!(c[0].written, "未收到政府信息公开申请");
}

#[test]
fn headings_and_paragraphs_carry_the_topic() {
    let text =
        "（二）依申请公开\n本年度共收到 12 件，全部办结。\n（三）政府信息管理\n全年共收到 30 件。";
    check(text, &[(S::ApplicationsReceived, "12")]);
    let text = "（四）行政复议\n本年度发生 2 件，其中维持 1 件，纠正 1 件。";
    check(
        text,
        &[
            (S::ReviewTotal, "2"),
            (S::ReviewUpheld, "1"),
            (S::ReviewCorrected, "1"),
        ],
    );
}

/// The narrative sections (一, 五, 六) of a report's plain text.
fn narrative(text: &str) -> String {
    let mut out = String::new();
    let mut keep = true;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("二、") || t.starts_with("三、") || t.starts_with("四、") {
            keep = false;
        }
        if t.starts_with("五、") || t.starts_with("一、") {
            keep = true;
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

const SEED: &str = include_str!("../../../../tests/fixtures/published/yima-transport-2024.txt");
const PUBLISHED_2023: &str = include_str!(
    "../../../../tests/fixtures/published/shared/某某县市场监督管理局2023年政府信息公开工作年度报告（网页复制）.txt"
);
const PUBLISHED_2024: &str = include_str!(
    "../../../../tests/fixtures/published/shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告（网页复制）.txt"
);

#[test]
fn the_seed_states_one_application_and_nothing_else() {
    for (text, year) in [(SEED, 2024), (PUBLISHED_2023, 2023), (PUBLISHED_2024, 2024)] {
        let c = claims(&narrative(text), Some(year));
        assert_eq!(c.len(), 1, "{}", show(&c));
        assert_eq!(c[0].subjects[0], S::ApplicationsReceived);
        assert_eq!(c[0].value, Decimal::ONE);
        assert_eq!(
            c[0].written,
            "1 条".replace(' ', if text == SEED { " " } else { "" })
        );
        // The whole text, tables included, states nothing more.
        let all = claims(text, Some(year));
        assert_eq!(all.len(), 1, "{}", show(&all));
    }
}

const A_2023: &str = include_str!("../../tests/data/narrative/a-2023.txt");
const A_2024_COPIED: &str = include_str!("../../tests/data/narrative/a-2024-copied.txt");
const A_2024_REVISED: &str = include_str!("../../tests/data/narrative/a-2024-revised.txt");
const A_2024_REWRITTEN: &str = include_str!("../../tests/data/narrative/a-2024-rewritten.txt");
const B_2024: &str = include_str!("../../tests/data/narrative/b-2024.txt");
const C_2024: &str = include_str!("../../tests/data/narrative/c-2024.txt");
const D_2024: &str = include_str!("../../tests/data/narrative/d-2024.txt");
const E_2024: &str = include_str!("../../tests/data/narrative/e-2024.txt");
const F_2024: &str = include_str!("../../tests/data/narrative/f-2024.txt");

/// Whole reports written in the styles of real ones (county bureau, district government office,
/// city bureau with Chinese numerals, township, justice bureau): every figure they state about the
/// tables, and nothing else (not 主动公开 counts, meetings, trainings, hotline cases, 代表建议 …).
#[test]
fn whole_reports_in_real_styles() {
    let app_2023: &[(Subject, &str)] = &[
        (S::NormativeIssued, "2"),
        (S::NormativeInForce, "11"),
        (S::Licensing, "384"),
        (S::Penalty, "162"),
        (S::Coercion, "2"),
        (S::Fees, "0"),
        (S::ApplicationsReceived, "12"),
        (S::ApplicationsFrom(A::NaturalPerson), "10"),
        (S::ApplicationsFrom(A::Organisations), "2"),
        (S::ApplicationsCarriedOver, "2"),
        (S::ApplicationsHandled, "14"),
        (S::Granted, "6"),
        (S::PartlyGranted, "2"),
        (S::Unavailable, "3"),
        (S::Rejected, "3"),
        (S::ReviewTotal, "0"),
        (S::LitigationTotal, "0"),
    ];
    let cases: &[(&str, i32, Expected)] = &[
        (A_2023, 2023, app_2023),
        (
            A_2024_REWRITTEN,
            2024,
            &[
                (S::Licensing, "401"),
                (S::Penalty, "175"),
                (S::Coercion, "3"),
                (S::NormativeIssued, "1"),
                (S::NormativeRepealed, "1"),
                (S::NormativeInForce, "11"),
                (S::ApplicationsNew, "9"),
                (S::ApplicationsHandled, "9"),
                (S::PartlyGranted, "1"),
                (S::Unavailable, "2"),
                (S::Reason(Re::Petition), "1"),
                (S::ReviewTotal, "0"),
                (S::LitigationTotal, "0"),
            ],
        ),
        (
            B_2024,
            2024,
            &[
                (S::NormativeRepealed, "3"),
                (S::NormativeInForce, "24"),
                (S::ApplicationsReceived, "265"),
                (S::ApplicationsCarriedOver, "6"),
                (S::ApplicationsFrom(A::NaturalPerson), "167"),
                (S::ApplicationsFrom(A::Organisations), "98"),
                (S::ApplicationsHandled, "267"),
                (S::PartlyGranted, "3"),
                (S::Denied, "108"),
                (S::Unavailable, "59"),
                (S::Rejected, "61"),
                (S::OtherHandling, "36"),
                (S::ApplicationsCarriedForward, "4"),
                (S::ReviewTotal, "8"),
                (S::LitigationTotal, "13"),
                (S::LitigationDirect(O::Total), "9"),
                (S::LitigationAfterReview(O::Total), "4"),
            ],
        ),
        (
            C_2024,
            2024,
            &[
                (S::NormativeIssued, "3"),
                (S::NormativeInForce, "15"),
                (S::Licensing, "218"),
                (S::Penalty, "96"),
                (S::Coercion, "11"),
                (S::ApplicationsNew, "41"),
                (S::ApplicationsCarriedOver, "3"),
                (S::ApplicationsTotal, "44"),
                (S::ApplicationsHandled, "42"),
                (S::Granted, "18"),
                (S::PartlyGranted, "5"),
                (S::Denied, "4"),
                (S::Unavailable, "11"),
                (S::Rejected, "2"),
                (S::ApplicationsCarriedForward, "2"),
                (S::ReviewTotal, "2"),
                (S::ReviewUpheld, "1"),
                (S::ReviewCorrected, "1"),
                (S::LitigationTotal, "1"),
            ],
        ),
        (
            D_2024,
            2024,
            &[
                (S::ApplicationsReceived, "0"),
                (S::ApplicationsCarriedOver, "0"),
                (S::ReviewTotal, "0"),
                (S::LitigationTotal, "0"),
            ],
        ),
        (
            E_2024,
            2024,
            &[
                (S::RegulationsIssued, "1"),
                (S::NormativeIssued, "2"),
                (S::RegulationsRepealed, "2"),
                (S::RegulationsInForce, "9"),
                (S::Licensing, "1027"),
                (S::Penalty, "17"),
                (S::Coercion, "0"),
                (S::ApplicationsReceived, "26"),
                (S::ApplicationsFrom(A::NaturalPerson), "20"),
                (S::ApplicationsFrom(A::LegalService), "6"),
                (S::Granted, "11"),
                (S::PartlyGranted, "2"),
                (S::Denied, "3"),
                (S::Unavailable, "7"),
                (S::Rejected, "3"),
                (S::ApplicationsCarriedOver, "0"),
                (S::ApplicationsCarriedForward, "0"),
                (S::ReviewTotal, "3"),
                (S::ReviewUpheld, "2"),
                (S::ReviewOther, "1"),
                (S::LitigationTotal, "4"),
                (S::LitigationDirect(O::Total), "3"),
                (S::LitigationAfterReview(O::Total), "1"),
                (S::LitigationAfterReview(O::Upheld), "3"),
                (S::LitigationAfterReview(O::Corrected), "1"),
            ],
        ),
    ];
    for (text, year, expected) in cases {
        let got = claims(text, Some(*year));
        let pairs: Vec<(Subject, Decimal)> = got.iter().map(|c| (c.subjects[0], c.value)).collect();
        let want: Vec<(Subject, Decimal)> = expected.iter().map(|(s, v)| (*s, dec(v))).collect();
        assert_eq!(pairs, want, "\n  {}", show(&got));
        assert!(
            got.iter()
                .all(|c| c.period == Period::ThisYear && !c.approximate)
        );
    }
    // The last two of E are both readings: the group just named, or all lawsuits.
    let e = claims(E_2024, Some(2024));
    assert_eq!(
        e[e.len() - 2].subjects,
        vec![S::LitigationAfterReview(O::Upheld), S::LitigationUpheld]
    );
    // A copied report states its own (changed) figures.
    assert_eq!(claims(A_2024_COPIED, Some(2024)).len(), app_2023.len());
}

// ---------------------------------------------------------------------------------------------
// Property: narratives rendered from random consistent tables read back exactly.
// ---------------------------------------------------------------------------------------------

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0 ..= max.
    fn upto(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.upto(xs.len() as u64 - 1) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.upto(99) < percent
    }

    /// Splits `total` into `parts` random non-negative parts.
    fn split(&mut self, total: u64, parts: usize) -> Vec<u64> {
        let mut cuts: Vec<u64> = (0..parts - 1).map(|_| self.upto(total)).collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut last = 0;
        for c in cuts {
            out.push(c - last);
            last = c;
        }
        out.push(total - last);
        out
    }

    /// A count: mostly small, sometimes large, sometimes zero.
    fn count(&mut self) -> u64 {
        match self.upto(9) {
            0 => 0,
            1..=6 => self.upto(30),
            7 | 8 => self.upto(400),
            _ => self.upto(20_000),
        }
    }
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn chinese_below_10000(n: u64, leading: bool) -> String {
    let mut s = String::new();
    let (mut rest, mut started, mut zero) = (n, false, false);
    for (unit, c) in [(1000, '千'), (100, '百'), (10, '十')] {
        let d = rest / unit;
        rest %= unit;
        if d > 0 {
            if zero && started {
                s.push('零');
            }
            zero = false;
            if !(unit == 10 && d == 1 && !started && leading) {
                s.push(DIGITS[d as usize]);
            }
            s.push(c);
            started = true;
        } else if started {
            zero = true;
        }
    }
    if rest > 0 {
        if zero && started {
            s.push('零');
        }
        if !started && !leading {
            s.push('零');
        }
        s.push(DIGITS[rest as usize]);
    }
    s
}

/// A count in Chinese numerals, as reports write it (十二, 一百零五, 两件).
fn chinese(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    if n == 2 {
        return "两".into();
    }
    if n >= 10_000 {
        let mut s = chinese_below_10000(n / 10_000, true) + "万";
        let low = n % 10_000;
        if low > 0 {
            s += &chinese_below_10000(low, low >= 1000);
        }
        return s;
    }
    chinese_below_10000(n, true)
}

/// Renders narratives and records what they state, in order.
struct Writer {
    rng: Rng,
    expected: Vec<(Subject, Decimal)>,
}

impl Writer {
    /// A count in a random form, with its unit, recording the claim.
    fn n(&mut self, subject: Subject, v: u64) -> String {
        self.nu(subject, v, None)
    }

    /// The same with a given unit.
    fn nu(&mut self, subject: Subject, v: u64, unit: Option<&str>) -> String {
        self.expected.push((subject, Decimal::from(v)));
        let unit = if let Some(unit) = unit {
            unit
        } else if matches!(subject, S::Penalty | S::ReviewTotal | S::LitigationTotal)
            && self.rng.chance(30)
        {
            "起"
        } else {
            "件"
        };
        let num = match self.rng.upto(5) {
            0 | 1 => v.to_string(),
            2 => format!(" {v} "),
            3 if v < 100_000 => chinese(v),
            4 => v
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                .collect(),
            _ if v >= 1000 => {
                let s = v.to_string();
                let (head, tail) = s.split_at(s.len() - 3);
                format!("{head},{tail}")
            }
            _ => v.to_string(),
        };
        format!("{num}{unit}")
    }

    fn none(&mut self, subjects: &[Subject]) {
        for &s in subjects {
            self.expected.push((s, Decimal::ZERO));
        }
    }
}

/// One random report: its narrative and the claims it must yield.
fn render(seed: u64) -> (String, Vec<(Subject, Decimal)>) {
    let mut w = Writer {
        rng: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
        expected: Vec::new(),
    };
    let mut text = String::from("一、总体情况\n（一）主动公开\n");
    let r = &mut w.rng;
    // Table 二.
    let (ri, rr, rf) = (r.upto(5), r.upto(3), r.upto(40));
    let (ni, nr, nf) = (r.upto(12), r.upto(6), r.upto(80));
    let (lic, pen, coe) = (r.count(), r.count(), r.upto(30));
    let fee_yuan = r.upto(500_000);
    let style = r.upto(2);
    text += &format!(
        "{}年，我局主动公开政府信息{}条，召开新闻发布会{}场。",
        2024,
        r.upto(3000),
        r.upto(9)
    );
    match style {
        0 => {
            text += &format!(
                "本年度制发规章{}，废止{}，现行有效{}；出台行政规范性文件{}，废止{}，现行有效{}。",
                w.n(S::RegulationsIssued, ri),
                w.n(S::RegulationsRepealed, rr),
                w.n(S::RegulationsInForce, rf),
                w.n(S::NormativeIssued, ni),
                w.n(S::NormativeRepealed, nr),
                w.n(S::NormativeInForce, nf),
            );
            text += &format!(
                "全年作出行政许可决定{}，行政处罚决定{}，实施行政强制措施{}。",
                w.n(S::Licensing, lic),
                w.n(S::Penalty, pen),
                w.n(S::Coercion, coe),
            );
        }
        1 => {
            text += &format!(
                "印发规章{}、规范性文件{}。截至2024年12月31日，现行有效规范性文件{}。",
                w.n(S::RegulationsIssued, ri),
                w.n(S::NormativeIssued, ni),
                w.n(S::NormativeInForce, nf),
            );
            text += &format!(
                "行政许可、行政处罚、行政强制分别为{}、{}、{}。",
                w.n(S::Licensing, lic),
                w.n(S::Penalty, pen),
                w.n(S::Coercion, coe),
            );
        }
        _ => {
            text += &format!(
                "办理行政许可{}，查处行政处罚案件{}，较上年增加{}。",
                w.n(S::Licensing, lic),
                w.n(S::Penalty, pen),
                format_args!("{}件", w.rng.upto(50)),
            );
        }
    }
    if fee_yuan == 0 || w.rng.chance(20) {
        if fee_yuan == 0 {
            text += "本年度未收取行政事业性收费。";
            w.none(&[S::Fees]);
        }
    } else if w.rng.chance(50) {
        text += &format!("收取行政事业性收费{fee_yuan}元。");
        w.expected.push((
            S::Fees,
            (Decimal::from(fee_yuan) / Decimal::from(10_000)).normalize(),
        ));
    } else {
        let wan = (Decimal::from(fee_yuan) / Decimal::from(100)).round() / Decimal::from(100);
        text += &format!("行政事业性收费{}万元。", wan.normalize());
        w.expected.push((S::Fees, wan.normalize()));
    }
    text += "\n（二）依申请公开\n";
    // Table 三.
    let r = &mut w.rng;
    let new = r.count();
    let co = if r.chance(50) { 0 } else { r.upto(20) };
    let np = r.upto(new);
    let cf = r.upto((new + co).min(15));
    let handled = new + co - cf;
    let res = r.split(handled, 6);
    match w.rng.upto(3) {
        3 => {
            text += &format!(
                "今年以来，共受理依申请公开信息{}（其中上年结转{}）。",
                w.nu(S::ApplicationsReceived, new + co, Some("条")),
                w.nu(S::ApplicationsCarriedOver, co, Some("条")),
            );
        }
        0 if new == 0 => {
            text += "本年度未收到政府信息公开申请";
            w.none(&[S::ApplicationsReceived]);
            if co == 0 {
                text += "，无上年结转申请";
                w.none(&[S::ApplicationsCarriedOver]);
            } else {
                text += &format!("，上年结转{}", w.n(S::ApplicationsCarriedOver, co));
            }
            text += "。";
        }
        0 | 1 => {
            text += &format!(
                "2024年，本机关共收到政府信息公开申请{}，其中自然人申请{}，法人或其他组织申请{}；上年结转{}。",
                w.n(S::ApplicationsReceived, new),
                w.n(S::ApplicationsFrom(A::NaturalPerson), np),
                w.n(S::ApplicationsFrom(A::Organisations), new - np),
                w.n(S::ApplicationsCarriedOver, co),
            );
        }
        _ => {
            text += &format!(
                "本年度新收政府信息公开申请{}，上年结转{}，合计{}。",
                w.n(S::ApplicationsNew, new),
                w.n(S::ApplicationsCarriedOver, co),
                w.n(S::ApplicationsTotal, new + co),
            );
        }
    }
    let names = [
        ("予以公开", S::Granted),
        ("部分公开", S::PartlyGranted),
        ("不予公开", S::Denied),
        ("无法提供", S::Unavailable),
        ("不予处理", S::Rejected),
        ("其他处理", S::OtherHandling),
    ];
    match w.rng.upto(3) {
        3 => {
            text += &format!(
                "答复{}，其中{}予以公开、{}部分公开，{}结转下年度办理。",
                w.n(S::ApplicationsHandled, handled),
                w.n(S::Granted, res[0]),
                w.n(S::PartlyGranted, res[1]),
                w.n(S::ApplicationsCarriedForward, cf),
            );
        }
        0 => {
            text += &format!("全年办结{}，其中", w.n(S::ApplicationsHandled, handled));
            let parts: Vec<String> = names
                .iter()
                .zip(&res)
                .map(|((name, s), &v)| format!("{name}{}", w.n(*s, v)))
                .collect();
            text += &parts.join("，");
            text += &format!(
                "；结转下年度继续办理{}。",
                w.n(S::ApplicationsCarriedForward, cf)
            );
        }
        1 => {
            text += "办理结果为：";
            let parts: Vec<String> = names
                .iter()
                .zip(&res)
                .map(|((name, s), &v)| format!("{name}{}", w.n(*s, v)))
                .collect();
            text += &parts.join("、");
            text += &format!("，共计{}。", w.n(S::ApplicationsHandled, handled));
            text += &format!(
                "另有{}结转下一年度办理。",
                w.n(S::ApplicationsCarriedForward, cf)
            );
        }
        _ => {
            text += "予以公开、部分公开、不予公开分别为";
            let parts: Vec<String> = names[..3]
                .iter()
                .zip(&res)
                .map(|((_, s), &v)| w.n(*s, v))
                .collect();
            text += &parts.join("、");
            text += &format!(
                "，无法提供{}，不予处理{}，其他处理{}。",
                w.n(S::Unavailable, res[3]),
                w.n(S::Rejected, res[4]),
                w.n(S::OtherHandling, res[5]),
            );
        }
    }
    text += "\n（五）监督保障\n";
    // Table 四.
    let r = &mut w.rng;
    let review = if r.chance(40) {
        vec![0; 4]
    } else {
        let total = r.upto(12);
        r.split(total, 4)
    };
    let direct = if r.chance(50) { 0 } else { r.upto(9) };
    let after = if r.chance(60) { 0 } else { r.upto(5) };
    let (rt, lt) = (review.iter().sum::<u64>(), direct + after);
    if rt == 0 && lt == 0 {
        text += *w.rng.pick(&[
            "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。",
            "本年度政府信息公开行政复议、行政诉讼均未发生。",
            "全年未收到行政复议申请，也未被提起行政诉讼。",
        ]);
        w.none(&[S::ReviewTotal, S::LitigationTotal]);
    } else if w.rng.chance(30) {
        text += &format!(
            "发生行政复议案件{}，行政诉讼案件{}。",
            w.n(S::ReviewTotal, rt),
            w.n(S::LitigationTotal, lt),
        );
    } else {
        text += &format!(
            "因政府信息公开被申请行政复议{}，其中结果维持{}、结果纠正{}、其他结果{}、尚未审结{}；",
            w.n(S::ReviewTotal, rt),
            w.n(S::ReviewUpheld, review[0]),
            w.n(S::ReviewCorrected, review[1]),
            w.n(S::ReviewOther, review[2]),
            w.n(S::ReviewPending, review[3]),
        );
        text += &format!(
            "被提起行政诉讼{}，其中未经复议直接起诉{}，复议后起诉{}。",
            w.n(S::LitigationTotal, lt),
            w.n(S::LitigationDirect(O::Total), direct),
            w.n(S::LitigationAfterReview(O::Total), after),
        );
    }
    text += "组织开展政务公开培训";
    text += &chinese(w.rng.upto(9) + 1);
    text += "次。\n五、存在的主要问题及改进情况\n一是主动公开的深度和广度还不够；二是政策解读形式比较单一。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n";
    (text, w.expected)
}

#[test]
fn rendered_narratives_read_back_exactly() {
    for seed in 0..400 {
        let (text, expected) = render(seed);
        let got = claims(&text, YEAR);
        let pairs: Vec<(Subject, Decimal)> = got.iter().map(|c| (c.subjects[0], c.value)).collect();
        assert_eq!(pairs, expected, "seed {seed}\n{text}\n  {}", show(&got));
        assert!(
            got.iter()
                .all(|c| c.period == Period::ThisYear && !c.approximate)
        );
    }
}

#[test]
fn chinese_rendering_round_trips() {
    for n in (0..2000).chain([9999, 10_000, 10_005, 12_000, 20_480, 99_999]) {
        assert_eq!(parse_chinese(&chinese(n)), Some(n), "{n} {}", chinese(n));
    }
}
/// The measurements behind [`COPIED_THRESHOLD`] (see its documentation).
#[test]
fn copied_narratives_stand_apart_from_revised_and_foreign_ones() {
    let share = |this: &str, previous: &str| copied(&narrative(this), &narrative(previous)).share();
    let seed_next_year = SEED
        .replace("2024", "2025")
        .replace("2023", "2024")
        .replace("1 条", "3 条");
    let mostly_copied = A_2024_COPIED
        .replace(
            "深入贯彻落实《条例》",
            "认真落实国家和省、市政务公开工作要点",
        )
        .replace(
            "严格落实政府信息公开保密审查制度",
            "健全政府信息公开保密审查机制",
        )
        .replace("成立以局长为组长的", "调整充实")
        .replace("加强业务培训，提高", "分批开展业务轮训，增强");
    let round = |x: f64| (x * 100.0).round() / 100.0;
    // Copied with the year and the counts changed.
    assert_eq!(round(share(&seed_next_year, SEED)), 1.0);
    assert_eq!(round(share(A_2024_COPIED, A_2023)), 1.0);
    // The two published examples carry the seed's narrative (only the preamble's agency differs).
    assert_eq!(round(share(PUBLISHED_2024, PUBLISHED_2023)), 0.96);
    // Four sentences reworded: still mostly copied.
    assert_eq!(round(share(&mostly_copied, A_2023)), 0.83);
    // An honest revision keeps 五/六 and a few stock sentences; a rewrite keeps almost nothing.
    assert_eq!(round(share(A_2024_REVISED, A_2023)), 0.5);
    assert_eq!(round(share(A_2024_REWRITTEN, A_2023)), 0.1);
    // Different agencies, pairwise, including two townships filling the same county template.
    let foreign = [SEED, A_2023, B_2024, C_2024, D_2024, E_2024, F_2024];
    let mut highest: f64 = 0.0;
    for (i, a) in foreign.iter().enumerate() {
        for (j, b) in foreign.iter().enumerate() {
            if i != j {
                highest = highest.max(share(a, b));
            }
        }
    }
    assert_eq!(round(highest), 0.08);
    // The threshold sits in the gap.
    assert!(share(&mostly_copied, A_2023) >= COPIED_THRESHOLD);
    assert!(share(A_2024_REVISED, A_2023) < COPIED_THRESHOLD);
    let c = copied(&narrative(A_2024_COPIED), &narrative(A_2023));
    assert!(c.is_copied());
    assert_eq!(c.examples.len(), 3);
    assert!(!copied(&narrative(A_2024_REVISED), &narrative(A_2023)).is_copied());
}
/// Whole documents as the importers see them (tables as tab- or space-aligned rows, CRLF line
/// ends, pdftotext layout): the tables state nothing, only the narrative's figure is read.
#[test]
fn tables_in_whole_documents_are_not_claims() {
    for (text, value) in [
        (
            include_str!(
                "../../../../tests/fixtures/published/text/某某县市场监督管理局2023年（pdftotext-layout）.txt"
            ),
            1,
        ),
        (
            include_str!(
                "../../../../tests/fixtures/published/text/某某市某某区人民政府办公室2024年（pdftotext-layout）.txt"
            ),
            1,
        ),
        (
            include_str!(
                "../../../../tests/fixtures/published/text/edition-2019（pdftotext-layout）.txt"
            ),
            47,
        ),
        (
            include_str!("../../../../tests/fixtures/published/text/typo-labels.txt"),
            1,
        ),
        (
            include_str!("../../../../tests/fixtures/published/text/crlf-split-title.txt"),
            1,
        ),
    ] {
        let c = claims(text, None);
        assert_eq!(c.len(), 1, "{}", show(&c));
        assert_eq!(
            (c[0].subjects[0], c[0].value),
            (S::ApplicationsReceived, Decimal::from(value))
        );
    }
}
