//! The lexicon of the narrative: the words reports use for each quantity of the tables, the
//! topics and roles they mark, and the fillers between them. Together with the layout catalog it
//! is the catalog of what a narrative can state about the tables; the test that keeps official
//! labels out of code (xtask) treats this file as catalog data.

use std::sync::LazyLock;

use super::subjects::{Applicant, Reason, Subject};

// ---------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Topic {
    App,
    Review,
    Lit,
    LitDirect,
    LitAfter,
    Regs,
    Normative,
    Licensing,
    Penalty,
    Coercion,
    Fees,
}

impl Topic {
    pub(super) fn is_decision(self) -> bool {
        matches!(self, Topic::Licensing | Topic::Penalty | Topic::Coercion)
    }

    pub(super) fn is_appeal(self) -> bool {
        matches!(
            self,
            Topic::Review | Topic::Lit | Topic::LitDirect | Topic::LitAfter
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    // Verbs.
    Received,
    New,
    Handled,
    HandledLoose,
    Occurred,
    Decided,
    // Parts of table 三.
    CarriedOver,
    CarriedForward,
    CarriedEither,
    Granted,
    PartlyGranted,
    Denied,
    Unavailable,
    Rejected,
    OtherHandling,
    Reason(Reason),
    Applicant(Applicant),
    // Columns of table 四.
    Upheld,
    Corrected,
    OtherResult,
    Pending,
    // Columns of table 二.
    Issued,
    Repealed,
    InForce,
}

impl Role {
    pub(super) fn is_verb(self) -> bool {
        matches!(
            self,
            Role::Received
                | Role::New
                | Role::Handled
                | Role::HandledLoose
                | Role::Occurred
                | Role::Decided
        )
    }

    pub(super) fn is_outcome(self) -> bool {
        matches!(
            self,
            Role::Upheld | Role::Corrected | Role::OtherResult | Role::Pending
        )
    }

    pub(super) fn is_regs(self) -> bool {
        matches!(self, Role::Issued | Role::Repealed | Role::InForce)
    }

    pub(super) fn result_subject(self) -> Option<Subject> {
        Some(match self {
            Role::Granted => Subject::Granted,
            Role::PartlyGranted => Subject::PartlyGranted,
            Role::Denied => Subject::Denied,
            Role::Unavailable => Subject::Unavailable,
            Role::Rejected => Subject::Rejected,
            Role::OtherHandling => Subject::OtherHandling,
            _ => return None,
        })
    }
}

/// A period word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ptok {
    This,
    /// 上半年, 一季度 …: a part of the year.
    Partial,
    Prev,
    Next,
    Year(i32),
}

/// Words that are neither topics nor roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fill {
    /// Crossed by the walk without meaning (共, 其中, 的, 本机关 …).
    Plain,
    /// 合计, 共计, 总计: a sum of what was just stated.
    Total,
    /// 均, 各: the number holds for each keyword.
    Each,
    /// 均为.
    EachWei,
    /// 分别.
    Resp,
    /// 分别为.
    RespWei,
    /// 为, 是: may introduce a number without a unit.
    Wei,
    /// 约, 近, 超过 …
    Approx,
    /// 较, 同比, 相比 …
    Comparison,
    /// 增加, 减少, 下降, 多 …: the number after it is a change, not a figure.
    Delta,
    /// 和, 及, 与, 以及.
    Conj,
    /// 未, 没有, 无 …
    Neg,
    /// A word the walk must not cross (主动公开, 信息处理费, 一件事, 第 …).
    Barrier,
    /// A channel or way of applying (网上, 当面, 信函 …): the count is a part, not a total.
    Channel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    T(Topic),
    R(Role),
    B(Topic, Role),
    P(Ptok),
    F(Fill),
}

use Fill::*;
use Kw::{B, F, P, R, T};

pub(super) const LEXICON: &[(&str, Kw)] = &[
    // Table 三.
    ("政府信息公开申请件", T(Topic::App)),
    ("政府信息公开申请", T(Topic::App)),
    ("信息公开申请件", T(Topic::App)),
    ("信息公开申请", T(Topic::App)),
    ("依申请公开信息", T(Topic::App)),
    ("依申请公开政府信息申请", T(Topic::App)),
    ("依申请公开政府信息", T(Topic::App)),
    ("政府信息依申请公开申请", T(Topic::App)),
    ("政府信息依申请公开", T(Topic::App)),
    ("依申请公开事项", T(Topic::App)),
    ("依申请公开件", T(Topic::App)),
    ("依申请公开", T(Topic::App)),
    ("公开申请", T(Topic::App)),
    ("申请件", T(Topic::App)),
    ("申请", T(Topic::App)),
    ("申请人", F(Barrier)),
    // Applications of another kind.
    ("行政许可申请", F(Barrier)),
    ("许可申请", F(Barrier)),
    ("收到", R(Role::Received)),
    ("受理", R(Role::Received)),
    ("接收", R(Role::Received)),
    ("接到", R(Role::Received)),
    ("收悉", R(Role::Received)),
    ("新收到", R(Role::New)),
    ("本年新收", R(Role::New)),
    ("新收", R(Role::New)),
    ("新受理", R(Role::New)),
    ("办结", R(Role::Handled)),
    ("已办结", R(Role::Handled)),
    ("答复", R(Role::Handled)),
    ("回复", R(Role::Handled)),
    ("处理", R(Role::Handled)),
    ("办理完毕", R(Role::Handled)),
    ("处理完毕", R(Role::Handled)),
    ("办理", R(Role::HandledLoose)),
    ("继续办理", F(Plain)),
    ("继续处理", F(Plain)),
    ("发生", R(Role::Occurred)),
    ("产生", R(Role::Occurred)),
    ("出现", R(Role::Occurred)),
    ("作出", R(Role::Decided)),
    ("做出", R(Role::Decided)),
    ("实施", R(Role::Decided)),
    ("收取", R(Role::Decided)),
    ("审批", R(Role::Decided)),
    ("查处", R(Role::Decided)),
    ("上年结转", B(Topic::App, Role::CarriedOver)),
    ("上年度结转", B(Topic::App, Role::CarriedOver)),
    ("上一年度结转", B(Topic::App, Role::CarriedOver)),
    ("上一年结转", B(Topic::App, Role::CarriedOver)),
    ("去年结转", B(Topic::App, Role::CarriedOver)),
    ("上年未办结", B(Topic::App, Role::CarriedOver)),
    ("上年度未办结", B(Topic::App, Role::CarriedOver)),
    ("结转", R(Role::CarriedEither)),
    ("结转下年度", B(Topic::App, Role::CarriedForward)),
    ("结转下一年度", B(Topic::App, Role::CarriedForward)),
    ("结转至下年度", B(Topic::App, Role::CarriedForward)),
    ("结转至下一年度", B(Topic::App, Role::CarriedForward)),
    ("结转到下年度", B(Topic::App, Role::CarriedForward)),
    ("结转到下一年度", B(Topic::App, Role::CarriedForward)),
    ("结转下年", B(Topic::App, Role::CarriedForward)),
    ("结转次年", B(Topic::App, Role::CarriedForward)),
    ("结转至次年", B(Topic::App, Role::CarriedForward)),
    ("结转到次年", B(Topic::App, Role::CarriedForward)),
    ("结转至明年", B(Topic::App, Role::CarriedForward)),
    ("转入下年度", B(Topic::App, Role::CarriedForward)),
    ("转入下一年度", B(Topic::App, Role::CarriedForward)),
    ("转至下年度", B(Topic::App, Role::CarriedForward)),
    ("正在办理", R(Role::CarriedForward)),
    ("仍在办理", R(Role::CarriedForward)),
    ("尚在办理", R(Role::CarriedForward)),
    ("正在处理", R(Role::CarriedForward)),
    ("尚未办结", R(Role::CarriedForward)),
    ("未办结", R(Role::CarriedForward)),
    ("予以公开", R(Role::Granted)),
    ("同意公开", R(Role::Granted)),
    ("准予公开", R(Role::Granted)),
    ("全部公开", R(Role::Granted)),
    ("部分公开", R(Role::PartlyGranted)),
    ("部分予以公开", R(Role::PartlyGranted)),
    ("区分处理", R(Role::PartlyGranted)),
    ("不予公开", R(Role::Denied)),
    ("无法提供", R(Role::Unavailable)),
    ("不予处理", R(Role::Rejected)),
    ("其他处理", R(Role::OtherHandling)),
    // The rows of （六）其他处理: "行政机关不再处理其政府信息公开申请".
    ("不再处理", R(Role::OtherHandling)),
    ("行政机关", F(Plain)),
    // 《条例》第三十九条: petitions "不作为政府信息公开申请处理" (（五）不予处理, row 1).
    (
        "不作为政府信息公开申请处理",
        R(Role::Reason(Reason::Petition)),
    ),
    ("不作为政府信息公开申请", R(Role::Reason(Reason::Petition))),
    ("国家秘密", R(Role::Reason(Reason::StateSecret))),
    (
        "其他法律行政法规禁止公开",
        R(Role::Reason(Reason::Prohibited)),
    ),
    ("法律行政法规禁止公开", R(Role::Reason(Reason::Prohibited))),
    ("禁止公开", R(Role::Reason(Reason::Prohibited))),
    ("三安全一稳定", R(Role::Reason(Reason::Security))),
    ("第三方合法权益", R(Role::Reason(Reason::ThirdParty))),
    ("三类内部事务信息", R(Role::Reason(Reason::Internal))),
    ("三类内部事务", R(Role::Reason(Reason::Internal))),
    ("内部事务信息", R(Role::Reason(Reason::Internal))),
    ("内部事务", R(Role::Reason(Reason::Internal))),
    ("四类过程性信息", R(Role::Reason(Reason::Process))),
    ("过程性信息", R(Role::Reason(Reason::Process))),
    ("行政执法案卷", R(Role::Reason(Reason::Enforcement))),
    ("行政查询事项", R(Role::Reason(Reason::Query))),
    ("本机关不掌握相关政府信息", R(Role::Reason(Reason::NotHeld))),
    ("不掌握相关政府信息", R(Role::Reason(Reason::NotHeld))),
    ("不掌握", R(Role::Reason(Reason::NotHeld))),
    (
        "没有现成信息需要另行制作",
        R(Role::Reason(Reason::NeedsCreation)),
    ),
    ("需要另行制作", R(Role::Reason(Reason::NeedsCreation))),
    ("另行制作", R(Role::Reason(Reason::NeedsCreation))),
    ("补正后申请内容仍不明确", R(Role::Reason(Reason::Unclear))),
    ("仍不明确", R(Role::Reason(Reason::Unclear))),
    ("信访举报投诉类申请", R(Role::Reason(Reason::Petition))),
    ("信访举报投诉类", R(Role::Reason(Reason::Petition))),
    ("信访举报投诉", R(Role::Reason(Reason::Petition))),
    ("重复申请", R(Role::Reason(Reason::Duplicate))),
    ("要求提供公开出版物", R(Role::Reason(Reason::Publication))),
    ("公开出版物", R(Role::Reason(Reason::Publication))),
    ("无正当理由大量反复申请", R(Role::Reason(Reason::Excessive))),
    ("大量反复申请", R(Role::Reason(Reason::Excessive))),
    (
        "要求行政机关确认或重新出具已获取信息",
        R(Role::Reason(Reason::Confirmation)),
    ),
    ("确认或重新出具", R(Role::Reason(Reason::Confirmation))),
    (
        "无正当理由逾期不补正",
        R(Role::Reason(Reason::NoCorrection)),
    ),
    ("逾期不补正", R(Role::Reason(Reason::NoCorrection))),
    ("逾期未补正", R(Role::Reason(Reason::NoCorrection))),
    (
        "逾期未按收费通知要求缴纳费用",
        R(Role::Reason(Reason::FeeUnpaid)),
    ),
    (
        "未按收费通知要求缴纳费用",
        R(Role::Reason(Reason::FeeUnpaid)),
    ),
    ("逾期未缴纳费用", R(Role::Reason(Reason::FeeUnpaid))),
    ("逾期未缴纳信息处理费", R(Role::Reason(Reason::FeeUnpaid))),
    ("逾期未缴费", R(Role::Reason(Reason::FeeUnpaid))),
    ("自然人", R(Role::Applicant(Applicant::NaturalPerson))),
    ("公民", R(Role::Applicant(Applicant::NaturalPerson))),
    (
        "法人或其他组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人和其他组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人及其他组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人或者其他组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人或其它组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人或者其它组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人和其它组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    (
        "法人及其它组织",
        R(Role::Applicant(Applicant::Organisations)),
    ),
    ("商业企业", R(Role::Applicant(Applicant::Commercial))),
    ("企业", R(Role::Applicant(Applicant::Commercial))),
    ("科研机构", R(Role::Applicant(Applicant::Research))),
    ("社会公益组织", R(Role::Applicant(Applicant::SocialWelfare))),
    ("法律服务机构", R(Role::Applicant(Applicant::LegalService))),
    ("律师事务所", R(Role::Applicant(Applicant::LegalService))),
    ("其他组织", R(Role::Applicant(Applicant::OtherOrg))),
    ("其它组织", R(Role::Applicant(Applicant::OtherOrg))),
    // Table 四.
    ("行政复议案件", T(Topic::Review)),
    ("行政复议事项", T(Topic::Review)),
    ("行政复议申请", T(Topic::Review)),
    ("行政复议", T(Topic::Review)),
    ("复议案件", T(Topic::Review)),
    // Documents the agency publishes, not appeals against it.
    ("行政复议决定书", F(Barrier)),
    ("复议决定书", F(Barrier)),
    ("复议", T(Topic::Review)),
    ("被申请行政复议", B(Topic::Review, Role::Occurred)),
    ("申请行政复议", B(Topic::Review, Role::Occurred)),
    ("提起行政复议", B(Topic::Review, Role::Occurred)),
    ("提出行政复议", B(Topic::Review, Role::Occurred)),
    ("行政诉讼案件", T(Topic::Lit)),
    ("行政诉讼事项", T(Topic::Lit)),
    ("行政诉讼", T(Topic::Lit)),
    ("行政应诉案件", T(Topic::Lit)),
    ("行政应诉", T(Topic::Lit)),
    ("应诉案件", T(Topic::Lit)),
    ("应诉", T(Topic::Lit)),
    ("诉讼案件", T(Topic::Lit)),
    ("诉讼", T(Topic::Lit)),
    ("被提起行政诉讼", B(Topic::Lit, Role::Occurred)),
    ("提起行政诉讼", B(Topic::Lit, Role::Occurred)),
    ("被起诉", B(Topic::Lit, Role::Occurred)),
    ("起诉", B(Topic::Lit, Role::Occurred)),
    ("被诉", B(Topic::Lit, Role::Occurred)),
    ("未经复议直接起诉", T(Topic::LitDirect)),
    ("未经行政复议直接起诉", T(Topic::LitDirect)),
    ("直接起诉", T(Topic::LitDirect)),
    ("直接提起行政诉讼", T(Topic::LitDirect)),
    ("直接提起诉讼", T(Topic::LitDirect)),
    ("未经复议直接诉讼", T(Topic::LitDirect)),
    ("直接诉讼", T(Topic::LitDirect)),
    ("复议后起诉", T(Topic::LitAfter)),
    ("经复议后起诉", T(Topic::LitAfter)),
    ("复议后提起行政诉讼", T(Topic::LitAfter)),
    ("复议后提起诉讼", T(Topic::LitAfter)),
    ("复议后诉讼", T(Topic::LitAfter)),
    // How a court disposed of a case, in words that are no column of table 四 with certainty
    // (驳回起诉 is usually 其他结果, 驳回诉讼请求 结果维持): counts after them are not read.
    ("不予行政处罚", F(Barrier)),
    // A review withdrawn: counted among the reviews, not a count of them.
    ("撤销复议申请", F(Barrier)),
    ("撤回复议申请", F(Barrier)),
    ("撤销行政复议申请", F(Barrier)),
    ("撤回行政复议申请", F(Barrier)),
    ("撤回行政复议", F(Barrier)),
    ("驳回起诉", F(Barrier)),
    ("驳回诉讼请求", F(Barrier)),
    ("驳回原告诉讼请求", F(Barrier)),
    ("驳回原告的诉讼请求", F(Barrier)),
    ("撤回起诉", F(Barrier)),
    ("撤诉", F(Barrier)),
    ("结果维持", R(Role::Upheld)),
    ("维持", R(Role::Upheld)),
    ("结果纠正", R(Role::Corrected)),
    ("纠正", R(Role::Corrected)),
    ("纠错", R(Role::Corrected)),
    ("确认违法", R(Role::Corrected)),
    ("其他结果", R(Role::OtherResult)),
    ("尚未审结", R(Role::Pending)),
    ("未审结", R(Role::Pending)),
    ("正在审理", R(Role::Pending)),
    ("尚在审理", R(Role::Pending)),
    ("审理中", R(Role::Pending)),
    ("尚未结案", R(Role::Pending)),
    ("未结案", R(Role::Pending)),
    // Table 二.
    ("政府规章", T(Topic::Regs)),
    ("规章", T(Topic::Regs)),
    ("规章制度", F(Barrier)),
    ("行政规范性文件", T(Topic::Normative)),
    ("规范性文件", T(Topic::Normative)),
    ("制发", R(Role::Issued)),
    ("新制发", R(Role::Issued)),
    ("印发", R(Role::Issued)),
    ("出台", R(Role::Issued)),
    ("制定", R(Role::Issued)),
    ("新制定", R(Role::Issued)),
    ("新增", R(Role::Issued)),
    ("制作", R(Role::Issued)),
    ("新制作", R(Role::Issued)),
    ("新发布", R(Role::Issued)),
    ("废止", R(Role::Repealed)),
    ("宣布失效", R(Role::Repealed)),
    ("失效", R(Role::Repealed)),
    ("现行有效", R(Role::InForce)),
    ("有效", R(Role::InForce)),
    ("行政许可", T(Topic::Licensing)),
    ("行政处罚", T(Topic::Penalty)),
    ("行政强制", T(Topic::Coercion)),
    ("行政事业性收费事项", T(Topic::Fees)),
    ("行政事业性收费", T(Topic::Fees)),
    ("事业性收费", T(Topic::Fees)),
    ("信息处理费", F(Barrier)),
    ("处理费", F(Barrier)),
    ("主动公开", F(Barrier)),
    // Periods.
    // A part of the year: its figures are not the year's.
    ("上半年", P(Ptok::Partial)),
    ("下半年", P(Ptok::Partial)),
    ("前三季度", P(Ptok::Partial)),
    ("一季度", P(Ptok::Partial)),
    ("二季度", P(Ptok::Partial)),
    ("三季度", P(Ptok::Partial)),
    ("四季度", P(Ptok::Partial)),
    ("本年度", P(Ptok::This)),
    ("本年", P(Ptok::This)),
    ("今年", P(Ptok::This)),
    ("今年以来", P(Ptok::This)),
    ("全年", P(Ptok::This)),
    ("年内", P(Ptok::This)),
    ("当年", P(Ptok::This)),
    ("报告期内", P(Ptok::This)),
    ("上年度", P(Ptok::Prev)),
    ("上年", P(Ptok::Prev)),
    ("上一年度", P(Ptok::Prev)),
    ("上一年", P(Ptok::Prev)),
    ("去年", P(Ptok::Prev)),
    ("上年同期", P(Ptok::Prev)),
    ("去年同期", P(Ptok::Prev)),
    ("前一年", P(Ptok::Prev)),
    ("下年度", P(Ptok::Next)),
    ("下一年度", P(Ptok::Next)),
    ("下一年", P(Ptok::Next)),
    ("次年", P(Ptok::Next)),
    ("下年", P(Ptok::Next)),
    ("明年", P(Ptok::Next)),
    // Fillers.
    ("合计", F(Total)),
    ("总计", F(Total)),
    ("共计", F(Total)),
    ("总共", F(Total)),
    ("一共", F(Total)),
    ("均", F(Each)),
    ("各", F(Each)),
    ("均为", F(EachWei)),
    ("均是", F(EachWei)),
    ("分别", F(Resp)),
    ("分别为", F(RespWei)),
    ("分别是", F(RespWei)),
    ("为", F(Wei)),
    ("是", F(Wei)),
    ("约", F(Approx)),
    ("近", F(Approx)),
    ("将近", F(Approx)),
    ("接近", F(Approx)),
    ("大约", F(Approx)),
    ("超过", F(Approx)),
    ("逾", F(Approx)),
    ("多达", F(Approx)),
    ("较", F(Comparison)),
    ("比", F(Comparison)),
    ("较之", F(Comparison)),
    ("同比", F(Comparison)),
    ("环比", F(Comparison)),
    ("相比", F(Comparison)),
    ("相比于", F(Comparison)),
    ("相较", F(Comparison)),
    ("增加", F(Delta)),
    ("减少", F(Delta)),
    ("增长", F(Delta)),
    ("下降", F(Delta)),
    ("上升", F(Delta)),
    ("降低", F(Delta)),
    ("提高", F(Delta)),
    ("增多", F(Delta)),
    ("增幅", F(Delta)),
    ("降幅", F(Delta)),
    ("增", F(Delta)),
    ("减", F(Delta)),
    ("多", F(Delta)),
    ("少", F(Delta)),
    ("增加至", F(Plain)),
    ("增加到", F(Plain)),
    ("增至", F(Plain)),
    ("增长至", F(Plain)),
    ("增长到", F(Plain)),
    ("减少至", F(Plain)),
    ("减少到", F(Plain)),
    ("减至", F(Plain)),
    ("下降至", F(Plain)),
    ("下降到", F(Plain)),
    ("降至", F(Plain)),
    ("上升至", F(Plain)),
    ("上升到", F(Plain)),
    ("升至", F(Plain)),
    ("提高至", F(Plain)),
    ("提高到", F(Plain)),
    ("和", F(Conj)),
    ("及", F(Conj)),
    ("与", F(Conj)),
    ("以及", F(Conj)),
    ("或者", F(Conj)),
    ("或", F(Conj)),
    ("并", F(Conj)),
    ("未", F(Neg)),
    ("没有", F(Neg)),
    ("暂未", F(Neg)),
    ("均未", F(Neg)),
    ("从未", F(Neg)),
    ("未曾", F(Neg)),
    ("尚无", F(Neg)),
    ("暂无", F(Neg)),
    ("均无", F(Neg)),
    ("无", F(Neg)),
    ("共", F(Plain)),
    ("共有", F(Plain)),
    ("有", F(Plain)),
    ("计", F(Plain)),
    ("了", F(Plain)),
    ("达", F(Plain)),
    ("达到", F(Plain)),
    ("其中", F(Plain)),
    ("已", F(Plain)),
    ("已经", F(Plain)),
    ("全部", F(Plain)),
    ("的", F(Plain)),
    ("数量", F(Plain)),
    ("数", F(Plain)),
    ("总数", F(Plain)),
    ("件数", F(Plain)),
    ("总量", F(Plain)),
    ("案件", F(Plain)),
    ("决定", F(Plain)),
    ("决定书", F(Plain)),
    ("处理决定", F(Plain)),
    ("措施", F(Plain)),
    ("金额", F(Plain)),
    ("总额", F(Plain)),
    ("情况", F(Plain)),
    ("情形", F(Plain)),
    ("而", F(Plain)),
    ("办理结果为", F(Plain)),
    ("办理结果是", F(Plain)),
    ("等情况", F(Plain)),
    ("等情形", F(Plain)),
    ("等事项", F(Plain)),
    ("等原因", F(Plain)),
    ("相关", F(Plain)),
    ("各类", F(Plain)),
    ("属于", F(Plain)),
    ("因", F(Plain)),
    ("政府信息公开", F(Plain)),
    ("因政府信息公开", F(Plain)),
    ("引起的", F(Plain)),
    ("引发的", F(Plain)),
    ("涉及", F(Plain)),
    ("任何", F(Plain)),
    ("过", F(Plain)),
    ("依法", F(Plain)),
    ("按时", F(Plain)),
    ("按期", F(Plain)),
    ("如期", F(Plain)),
    ("及时", F(Plain)),
    ("原行政行为", F(Plain)),
    ("原具体行政行为", F(Plain)),
    ("原决定", F(Plain)),
    ("其", F(Plain)),
    ("本机关", F(Plain)),
    ("本单位", F(Plain)),
    ("本部门", F(Plain)),
    ("我局", F(Plain)),
    ("我单位", F(Plain)),
    ("我委", F(Plain)),
    ("我办", F(Plain)),
    ("我中心", F(Plain)),
    ("我部门", F(Plain)),
    ("被", F(Plain)),
    ("结果", F(Plain)),
    ("中", F(Plain)),
    ("至", F(Plain)),
    ("到", F(Plain)),
    ("危及", F(Plain)),
    ("保护", F(Plain)),
    ("方面", F(Plain)),
    ("网上", F(Channel)),
    ("网络", F(Channel)),
    ("在线", F(Channel)),
    ("线上", F(Channel)),
    ("线下", F(Channel)),
    ("当面", F(Channel)),
    ("现场", F(Channel)),
    ("信函", F(Channel)),
    ("邮寄", F(Channel)),
    ("传真", F(Channel)),
    ("电子邮件", F(Channel)),
    ("邮件", F(Channel)),
    ("网站", F(Channel)),
    ("平台", F(Channel)),
    ("窗口", F(Channel)),
    ("来信", F(Channel)),
    ("来访", F(Channel)),
    ("热线", F(Channel)),
    ("电话", F(Channel)),
    ("一件事", F(Barrier)),
    ("一次性", F(Barrier)),
    ("一站式", F(Barrier)),
    ("一网通办", F(Barrier)),
    ("一网统管", F(Barrier)),
    ("一条龙", F(Barrier)),
    ("一体化", F(Barrier)),
    ("一把手", F(Barrier)),
    ("十四五", F(Barrier)),
    ("十五五", F(Barrier)),
    ("三类", F(Barrier)),
    ("四类", F(Barrier)),
    ("进一步", F(Barrier)),
    ("统一", F(Barrier)),
    ("唯一", F(Barrier)),
    ("第", F(Barrier)),
    ("每", F(Barrier)),
    ("比例", F(Barrier)),
    ("占比", F(Barrier)),
    ("办结率", F(Barrier)),
    ("答复率", F(Barrier)),
    ("百分之", F(Barrier)),
];

/// The lexicon, longest entries first, by first character.
pub(super) static BY_FIRST: LazyLock<std::collections::HashMap<char, Vec<(&'static str, Kw)>>> =
    LazyLock::new(|| {
        let mut map: std::collections::HashMap<char, Vec<(&'static str, Kw)>> =
            std::collections::HashMap::new();
        for &(word, kw) in LEXICON {
            if let Some(c) = word.chars().next() {
                map.entry(c).or_default().push((word, kw));
            }
        }
        for entries in map.values_mut() {
            entries.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        map
    });

pub(super) fn lookup(rest: &str) -> Option<(&'static str, Kw)> {
    let c = rest.chars().next()?;
    BY_FIRST
        .get(&c)?
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .copied()
}
