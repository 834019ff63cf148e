//! What a stated number is about: one quantity of the tables, and the cells it reads as.

use crate::layout::{Edition, Layout, RowRole};

/// A kind of applicant: a column of table 三 (or all the organisations together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicant {
    /// 自然人.
    NaturalPerson,
    /// 商业企业.
    Commercial,
    /// 科研机构.
    Research,
    /// 社会公益组织.
    SocialWelfare,
    /// 法律服务机构.
    LegalService,
    /// 其他 (other organisations).
    OtherOrg,
    /// 法人或其他组织: the five organisation columns together.
    Organisations,
}

impl Applicant {
    /// The column ids of table 三 the applicant stands for.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Applicant::NaturalPerson => &["natural_person"],
            Applicant::Commercial => &["commercial"],
            Applicant::Research => &["research"],
            Applicant::SocialWelfare => &["social_welfare"],
            Applicant::LegalService => &["legal_service"],
            Applicant::OtherOrg => &["other_org"],
            Applicant::Organisations => &[
                "commercial",
                "research",
                "social_welfare",
                "legal_service",
                "other_org",
            ],
        }
    }
}

/// A reason row of table 三's results: （三）不予公开 1–8, （四）无法提供 1–3, （五）不予处理 1–5,
/// （六）其他处理 1–2 (2021 edition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// 属于国家秘密.
    StateSecret,
    /// 其他法律行政法规禁止公开.
    Prohibited,
    /// 危及“三安全一稳定”.
    Security,
    /// 保护第三方合法权益.
    ThirdParty,
    /// 属于三类内部事务信息.
    Internal,
    /// 属于四类过程性信息.
    Process,
    /// 属于行政执法案卷.
    Enforcement,
    /// 属于行政查询事项.
    Query,
    /// 本机关不掌握相关政府信息.
    NotHeld,
    /// 没有现成信息需要另行制作.
    NeedsCreation,
    /// 补正后申请内容仍不明确.
    Unclear,
    /// 信访举报投诉类申请.
    Petition,
    /// 重复申请.
    Duplicate,
    /// 要求提供公开出版物.
    Publication,
    /// 无正当理由大量反复申请.
    Excessive,
    /// 要求行政机关确认或重新出具已获取信息.
    Confirmation,
    /// 申请人无正当理由逾期不补正.
    NoCorrection,
    /// 申请人逾期未按收费通知要求缴纳费用.
    FeeUnpaid,
}

impl Reason {
    /// The row id in table 三.
    pub fn row(self) -> &'static str {
        match self {
            Reason::StateSecret => "denied_state_secret",
            Reason::Prohibited => "denied_prohibited",
            Reason::Security => "denied_security",
            Reason::ThirdParty => "denied_third_party",
            Reason::Internal => "denied_internal",
            Reason::Process => "denied_process",
            Reason::Enforcement => "denied_enforcement",
            Reason::Query => "denied_query",
            Reason::NotHeld => "unavailable_not_held",
            Reason::NeedsCreation => "unavailable_needs_creation",
            Reason::Unclear => "unavailable_unclear",
            Reason::Petition => "rejected_petition",
            Reason::Duplicate => "rejected_duplicate",
            Reason::Publication => "rejected_publication",
            Reason::Excessive => "rejected_excessive",
            Reason::Confirmation => "rejected_confirmation",
            Reason::NoCorrection => "other_no_correction",
            Reason::FeeUnpaid => "other_fee_unpaid",
        }
    }

    /// The result (（三）…（六）) the reason belongs to.
    pub fn result(self) -> Subject {
        match self {
            Reason::StateSecret
            | Reason::Prohibited
            | Reason::Security
            | Reason::ThirdParty
            | Reason::Internal
            | Reason::Process
            | Reason::Enforcement
            | Reason::Query => Subject::Denied,
            Reason::NotHeld | Reason::NeedsCreation | Reason::Unclear => Subject::Unavailable,
            Reason::Petition
            | Reason::Duplicate
            | Reason::Publication
            | Reason::Excessive
            | Reason::Confirmation => Subject::Rejected,
            Reason::NoCorrection | Reason::FeeUnpaid => Subject::OtherHandling,
        }
    }
}

/// A column of table 四 within one group (行政复议, 未经复议直接起诉, 复议后起诉).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// 结果维持.
    Upheld,
    /// 结果纠正.
    Corrected,
    /// 其他结果.
    Other,
    /// 尚未审结.
    Pending,
    /// 总计.
    Total,
}

impl Outcome {
    fn column(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::Corrected => "corrected",
            Outcome::Other => "other",
            Outcome::Pending => "pending",
            Outcome::Total => "total",
        }
    }
}

/// What a stated number is about: one quantity of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// 收到/受理 申请: 本年新收, or 本年新收 + 上年结转.
    ApplicationsReceived,
    /// 本年新收 (explicitly new).
    ApplicationsNew,
    /// 上年结转.
    ApplicationsCarriedOver,
    /// 本年新收 + 上年结转 (a 共计 after both were stated).
    ApplicationsTotal,
    /// 办理/办结/答复: （七）总计, or 本年新收 + 上年结转.
    ApplicationsHandled,
    /// 结转下年度继续办理.
    ApplicationsCarriedForward,
    /// Applications received from one kind of applicant ("其中自然人申请 10 件").
    ApplicationsFrom(Applicant),
    /// （一）予以公开.
    Granted,
    /// （二）部分公开.
    PartlyGranted,
    /// （三）不予公开 (all eight rows).
    Denied,
    /// （四）无法提供 (all rows).
    Unavailable,
    /// （五）不予处理 (all rows).
    Rejected,
    /// （六）其他处理 (all rows).
    OtherHandling,
    /// One reason row of （三）…（六）.
    Reason(Reason),
    /// 行政复议 总计.
    ReviewTotal,
    /// 行政复议 结果维持.
    ReviewUpheld,
    /// 行政复议 结果纠正.
    ReviewCorrected,
    /// 行政复议 其他结果.
    ReviewOther,
    /// 行政复议 尚未审结.
    ReviewPending,
    /// 行政诉讼 总计: 未经复议直接起诉 + 复议后起诉.
    LitigationTotal,
    /// 行政诉讼 结果维持 (both groups).
    LitigationUpheld,
    /// 行政诉讼 结果纠正 (both groups).
    LitigationCorrected,
    /// 行政诉讼 其他结果 (both groups).
    LitigationOther,
    /// 行政诉讼 尚未审结 (both groups).
    LitigationPending,
    /// 未经复议直接起诉, one column.
    LitigationDirect(Outcome),
    /// 复议后起诉, one column.
    LitigationAfterReview(Outcome),
    /// 规章 本年制发.
    RegulationsIssued,
    /// 规章 本年废止.
    RegulationsRepealed,
    /// 规章 现行有效.
    RegulationsInForce,
    /// 行政规范性文件 本年制发.
    NormativeIssued,
    /// 行政规范性文件 本年废止.
    NormativeRepealed,
    /// 行政规范性文件 现行有效.
    NormativeInForce,
    /// 行政许可 本年处理决定数量.
    Licensing,
    /// 行政处罚 本年处理决定数量.
    Penalty,
    /// 行政强制 本年处理决定数量.
    Coercion,
    /// 行政事业性收费 本年收费金额 (万元).
    Fees,
}

/// The cell id of (table, row, column) if the edition has it.
fn id(layout: &'static Layout, table: &str, row: &str, column: &str) -> Option<&'static str> {
    layout.cell_at(table, row, column).map(|c| c.id)
}

/// The result rows of table 三 under one heading: `（三）` → the eight 不予公开 rows.
fn result_rows(layout: &'static Layout, prefix: &str) -> Vec<&'static str> {
    let Some(table) = layout.table("applications") else {
        return Vec::new();
    };
    table
        .blocks
        .iter()
        .flat_map(|b| b.rows.iter())
        .filter(|r| r.role == RowRole::Result)
        .filter(|r| r.label.starts_with(prefix) || r.path.iter().any(|p| p.starts_with(prefix)))
        .map(|r| r.id)
        .collect()
}

impl Subject {
    /// The readings of this subject as sums of cells, by stable cell id, most likely first. A
    /// reading that needs a cell the edition lacks is left out (so the list may be empty: the
    /// edition has no such quantity, e.g. [`Subject::Fees`] in the 2019 edition).
    pub fn sums(self, edition: Edition) -> Vec<Vec<&'static str>> {
        let layout = edition.layout();
        let app = |row: &str, col: &str| id(layout, "applications", row, col);
        let appeal = |row: &str, col: &str| id(layout, "appeals", row, col);
        let disc = |row: &str, col: &str| id(layout, "disclosure", row, col);
        let rows_total = |rows: Vec<&'static str>| -> Vec<Option<&'static str>> {
            if rows.is_empty() {
                vec![None]
            } else {
                rows.iter().map(|r| app(r, "total")).collect()
            }
        };
        let readings: Vec<Vec<Option<&'static str>>> = match self {
            Subject::ApplicationsReceived => vec![
                vec![app("new", "total")],
                vec![app("new", "total"), app("carried_over", "total")],
            ],
            Subject::ApplicationsNew => vec![vec![app("new", "total")]],
            Subject::ApplicationsCarriedOver => vec![vec![app("carried_over", "total")]],
            Subject::ApplicationsTotal => {
                vec![vec![app("new", "total"), app("carried_over", "total")]]
            }
            Subject::ApplicationsHandled => vec![
                vec![app("results_total", "total")],
                vec![app("new", "total"), app("carried_over", "total")],
            ],
            Subject::ApplicationsCarriedForward => vec![vec![app("carried_forward", "total")]],
            Subject::ApplicationsFrom(a) => vec![
                a.columns().iter().map(|c| app("new", c)).collect(),
                a.columns()
                    .iter()
                    .flat_map(|c| [app("new", c), app("carried_over", c)])
                    .collect(),
            ],
            Subject::Granted => vec![rows_total(result_rows(layout, "（一）"))],
            Subject::PartlyGranted => vec![rows_total(result_rows(layout, "（二）"))],
            Subject::Denied => vec![rows_total(result_rows(layout, "（三）"))],
            Subject::Unavailable => vec![rows_total(result_rows(layout, "（四）"))],
            Subject::Rejected => vec![rows_total(result_rows(layout, "（五）"))],
            Subject::OtherHandling => vec![rows_total(result_rows(layout, "（六）"))],
            Subject::Reason(r) => vec![vec![app(r.row(), "total")]],
            Subject::ReviewTotal => vec![vec![appeal("review", "total")]],
            Subject::ReviewUpheld => vec![vec![appeal("review", "upheld")]],
            Subject::ReviewCorrected => vec![vec![appeal("review", "corrected")]],
            Subject::ReviewOther => vec![vec![appeal("review", "other")]],
            Subject::ReviewPending => vec![vec![appeal("review", "pending")]],
            Subject::LitigationTotal => litigation(layout, Outcome::Total),
            Subject::LitigationUpheld => litigation(layout, Outcome::Upheld),
            Subject::LitigationCorrected => litigation(layout, Outcome::Corrected),
            Subject::LitigationOther => litigation(layout, Outcome::Other),
            Subject::LitigationPending => litigation(layout, Outcome::Pending),
            Subject::LitigationDirect(o) => vec![vec![appeal("litigation_direct", o.column())]],
            Subject::LitigationAfterReview(o) => {
                vec![vec![appeal("litigation_after_review", o.column())]]
            }
            Subject::RegulationsIssued => vec![
                vec![disc("regulations", "issued")],
                vec![disc("regulations", "made")],
            ],
            Subject::RegulationsRepealed => vec![vec![disc("regulations", "repealed")]],
            Subject::RegulationsInForce => vec![vec![disc("regulations", "in_force")]],
            Subject::NormativeIssued => vec![
                vec![disc("normative_documents", "issued")],
                vec![disc("normative_documents", "made")],
            ],
            Subject::NormativeRepealed => vec![vec![disc("normative_documents", "repealed")]],
            Subject::NormativeInForce => vec![vec![disc("normative_documents", "in_force")]],
            Subject::Licensing => vec![vec![disc("licensing", "decisions")]],
            Subject::Penalty => vec![vec![disc("penalty", "decisions")]],
            Subject::Coercion => vec![vec![disc("coercion", "decisions")]],
            Subject::Fees => vec![vec![disc("fees", "amount")]],
        };
        let mut out: Vec<Vec<&'static str>> = Vec::new();
        for reading in readings {
            if let Some(ids) = reading.into_iter().collect::<Option<Vec<_>>>()
                && !ids.is_empty()
                && !out.contains(&ids)
            {
                out.push(ids);
            }
        }
        out
    }

    /// Whether the subject is money (万元) rather than a count.
    pub fn is_money(self) -> bool {
        self == Subject::Fees
    }
}

/// 行政诉讼 as the sum of its two groups.
fn litigation(layout: &'static Layout, o: Outcome) -> Vec<Vec<Option<&'static str>>> {
    vec![vec![
        id(layout, "appeals", "litigation_direct", o.column()),
        id(layout, "appeals", "litigation_after_review", o.column()),
    ]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_name_cells_of_the_catalog() {
        let e = Edition::V2021;
        assert_eq!(
            Subject::ApplicationsReceived.sums(e),
            vec![
                vec!["applications.new.total"],
                vec!["applications.new.total", "applications.carried_over.total"]
            ]
        );
        assert_eq!(Subject::Denied.sums(e)[0].len(), 8);
        assert_eq!(Subject::Unavailable.sums(e)[0].len(), 3);
        assert_eq!(Subject::Rejected.sums(e)[0].len(), 5);
        assert_eq!(Subject::OtherHandling.sums(e)[0].len(), 3);
        assert_eq!(
            Subject::Granted.sums(e),
            vec![vec!["applications.granted.total"]]
        );
        assert_eq!(
            Subject::LitigationTotal.sums(e),
            vec![vec![
                "appeals.litigation_direct.total",
                "appeals.litigation_after_review.total"
            ]]
        );
        assert_eq!(
            Subject::ApplicationsFrom(Applicant::Organisations).sums(e)[0].len(),
            5
        );
        assert_eq!(Subject::Fees.sums(e), vec![vec!["disclosure.fees.amount"]]);
        assert_eq!(
            Subject::NormativeIssued.sums(e),
            vec![vec!["disclosure.normative_documents.issued"]]
        );
        // Every id named exists in the 2021 catalog; every subject has a reading there.
        let layout = e.layout();
        for s in all() {
            let sums = s.sums(e);
            assert!(!sums.is_empty(), "{s:?}");
            for ids in sums {
                for id in ids {
                    assert!(layout.cell(id).is_some(), "{id}");
                }
            }
        }
    }

    #[test]
    fn the_2019_edition_leaves_out_what_it_lacks() {
        let e = Edition::V2019;
        assert_eq!(
            Subject::OtherHandling.sums(e),
            vec![vec!["applications.other.total"]]
        );
        assert!(Subject::Fees.sums(e).is_empty());
        assert!(Subject::Reason(Reason::FeeUnpaid).sums(e).is_empty());
        assert!(Subject::NormativeRepealed.sums(e).is_empty());
        assert_eq!(
            Subject::NormativeIssued.sums(e),
            vec![vec!["disclosure.normative_documents.made"]]
        );
        assert_eq!(Subject::Denied.sums(e)[0].len(), 8);
    }

    pub(crate) fn all() -> Vec<Subject> {
        let mut v = vec![
            Subject::ApplicationsReceived,
            Subject::ApplicationsNew,
            Subject::ApplicationsCarriedOver,
            Subject::ApplicationsTotal,
            Subject::ApplicationsHandled,
            Subject::ApplicationsCarriedForward,
            Subject::Granted,
            Subject::PartlyGranted,
            Subject::Denied,
            Subject::Unavailable,
            Subject::Rejected,
            Subject::OtherHandling,
            Subject::ReviewTotal,
            Subject::ReviewUpheld,
            Subject::ReviewCorrected,
            Subject::ReviewOther,
            Subject::ReviewPending,
            Subject::LitigationTotal,
            Subject::LitigationUpheld,
            Subject::LitigationCorrected,
            Subject::LitigationOther,
            Subject::LitigationPending,
            Subject::RegulationsIssued,
            Subject::RegulationsRepealed,
            Subject::RegulationsInForce,
            Subject::NormativeIssued,
            Subject::NormativeRepealed,
            Subject::NormativeInForce,
            Subject::Licensing,
            Subject::Penalty,
            Subject::Coercion,
            Subject::Fees,
        ];
        for a in [
            Applicant::NaturalPerson,
            Applicant::Commercial,
            Applicant::Research,
            Applicant::SocialWelfare,
            Applicant::LegalService,
            Applicant::OtherOrg,
            Applicant::Organisations,
        ] {
            v.push(Subject::ApplicationsFrom(a));
        }
        for o in [
            Outcome::Upheld,
            Outcome::Corrected,
            Outcome::Other,
            Outcome::Pending,
            Outcome::Total,
        ] {
            v.push(Subject::LitigationDirect(o));
            v.push(Subject::LitigationAfterReview(o));
        }
        for r in [
            Reason::StateSecret,
            Reason::Prohibited,
            Reason::Security,
            Reason::ThirdParty,
            Reason::Internal,
            Reason::Process,
            Reason::Enforcement,
            Reason::Query,
            Reason::NotHeld,
            Reason::NeedsCreation,
            Reason::Unclear,
            Reason::Petition,
            Reason::Duplicate,
            Reason::Publication,
            Reason::Excessive,
            Reason::Confirmation,
            Reason::NoCorrection,
            Reason::FeeUnpaid,
        ] {
            v.push(Subject::Reason(r));
        }
        v
    }
}
