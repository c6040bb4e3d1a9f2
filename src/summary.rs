//! Case summaries (temporary minimal version; the full renderer lands with issue 4).

use jiff::Timestamp;

use crate::case::Case;
use crate::i18n::Lang;
use crate::procedure::Procedure;

/// Renders the summary of a case in Markdown.
pub fn render(procedure: &Procedure, case: &Case, lang: Lang, generated: Timestamp) -> String {
    let eval = case.evaluate(procedure);
    format!(
        "# {}\n\n{} {:?} {}\n",
        procedure.id,
        generated,
        eval.outcome,
        lang.code()
    )
}

/// The default file name of an export, without extension.
pub fn default_file_stem(case: &Case, generated: Timestamp) -> String {
    let domain = case.field("smart_account_domain");
    let stamp = generated.strftime("%Y%m%d-%H%M");
    format!("cssm-case-{domain}-{stamp}")
}

/// The request Meraki Support forwards to SWIT (in English, the language of Cisco's
/// teams), with the case's details filled in.
pub fn swit_request(procedure: &Procedure, case: &Case, key: &str) -> String {
    let en = crate::i18n::I18n::new(Lang::En);
    let fields = case.for_export(procedure).fields;
    let missing = en.tr("swit_request.not_provided");
    let value = |id: &str| {
        fields
            .get(id)
            .map(String::as_str)
            .unwrap_or(missing)
            .to_owned()
    };
    let names = [
        "subscription_id",
        "meraki_org_id",
        "smart_account_name",
        "smart_account_domain",
        "order_number",
    ];
    let values: Vec<(&str, String)> = names.iter().map(|n| (*n, value(n))).collect();
    let vars: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    en.trv(key, &vars)
}
