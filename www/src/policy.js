// The policy editor: JSON text, validated by the engine as you type.
import { $ } from "./dom.js";
import { t } from "./i18n.js";

export function initPolicy({ defaultPolicy, validatePolicy, getPolicy, apply }) {
  const text = $("#policy-text");
  const status = $("#policy-status");
  let valid = null;
  const check = () => {
    try {
      valid = validatePolicy(JSON.parse(text.value));
      status.textContent = t("policyOk");
      status.className = "ok";
    } catch (e) {
      valid = null;
      status.textContent = t("policyBad", e.rule ? `${e.message} [${e.rule}${e.field ? ", " + e.field : ""}]` : e.message);
      status.className = "error";
    }
    $("#policy-apply").disabled = !valid;
  };
  text.addEventListener("input", check);
  $("#policy-apply").addEventListener("click", () => { if (valid) { apply(valid); status.textContent = t("policyApplied"); } });
  $("#policy-reset").addEventListener("click", () => { text.value = JSON.stringify(defaultPolicy(), null, 2); check(); apply(validatePolicy(JSON.parse(text.value))); });
  return {
    show() { text.value = JSON.stringify(getPolicy(), null, 2); check(); },
  };
}
