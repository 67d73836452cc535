#include "billing/retokenize.hpp"

namespace verimeter::billing {

namespace {

Json side_to_json(const RetokenizationSide& s) {
  return json_object("status", s.status, "ours", s.ours ? Json(*s.ours) : Json(nullptr), "provider",
                     s.provider ? Json(*s.provider) : Json(nullptr), "reason", s.reason);
}

}  // namespace

std::string Retokenization::overall_status() const {
  if (input.status == "mismatch" || output.status == "mismatch") return "mismatch";
  if (input.status == "match" || output.status == "match") return "match";
  return "unverifiable";
}

Json retokenization_to_json(const Retokenization& r) {
  return json_object("status", r.overall_status(), "encoding",
                     r.encoding ? Json(*r.encoding) : Json(nullptr), "input", side_to_json(r.input),
                     "output", side_to_json(r.output));
}

Retokenization unverifiable_retokenization(const std::string& reason) {
  Retokenization r;
  r.input.status = "unverifiable";
  r.input.reason = reason;
  r.output.status = "unverifiable";
  r.output.reason = reason;
  return r;
}

}  // namespace verimeter::billing
