#include "services/platform/proto_convert.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

// The thing a collection holds, as a person names it ("de aanbieder").
std::string DutchThing(const std::string& collection) {
  static const std::pair<const char*, const char*> kThings[] = {
      {"providers", "de aanbieder"},        {"contracts", "het contract"},
      {"screeningCases", "de screening"},   {"screeningFrameworks", "het screeningskader"},
      {"investigations", "het onderzoek"},  {"continuityCases", "de continuïteitszaak"},
      {"legalSteps", "de juridische stap"}, {"tariffLines", "de tariefregel"},
  };
  for (const auto& [c, thing] : kThings) {
    if (collection == c) return thing;
  }
  return "het gegeven";
}

}  // namespace

absl::StatusOr<int64_t> ParseName(const std::string& name, const std::string& collection,
                                  const std::string& field) {
  int64_t id = 0;
  const std::string prefix = collection + "/";
  if (name.rfind(prefix, 0) != 0 || !absl::SimpleAtoi(name.substr(prefix.size()), &id) || id <= 0) {
    return InvalidField(field, absl::StrCat("must be '", collection, "/{id}' with a positive id"),
                        absl::StrCat("Het nummer van ", DutchThing(collection),
                                     " moet een positief geheel getal zijn, bijvoorbeeld 12."));
  }
  return id;
}

absl::StatusOr<int64_t> ParseOptionalName(const std::string& name, const std::string& collection,
                                          const std::string& field) {
  if (name.empty()) return 0;
  return ParseName(name, collection, field);
}

absl::StatusOr<absl::CivilDay> ToDay(const google::type::Date& d, const std::string& field) {
  const absl::CivilDay day(d.year(), d.month(), d.day());
  if (d.year() < 1900 || d.year() > 2200 || day.year() != d.year() || day.month() != d.month() ||
      day.day() != d.day()) {
    return InvalidField(field, "must be a real calendar date",
                        "Deze datum bestaat niet; geef een echte datum tussen 1900 en 2200 als "
                        "dd-mm-jjjj, bijvoorbeeld 31-12-2026.");
  }
  return day;
}

absl::StatusOr<std::optional<absl::CivilDay>> ToOptionalDay(bool has, const google::type::Date& d,
                                                            const std::string& field) {
  if (!has || (d.year() == 0 && d.month() == 0 && d.day() == 0)) {
    return std::optional<absl::CivilDay>();
  }
  OZJT_ASSIGN_OR_RETURN(absl::CivilDay day, ToDay(d, field));
  return std::optional<absl::CivilDay>(day);
}

void FromDay(absl::CivilDay d, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

void FromTime(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(t);
  out->set_seconds(micros / 1000000);
  out->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
}

}  // namespace ozjt::platform
