// Shared by the CLI's command files: the connection, output as tables or JSON, errors as one
// clear line plus field violations, and parsing of enums and dates.
#pragma once

#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/request_ids.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "google/type/date.pb.h"

namespace ozjt::cli {

struct Options {
  std::string addr = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
  bool json = false;
  int timeout_s = 60;
};

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

inline std::string CodeName(grpc::StatusCode code) {
  // gRPC and absl share the canonical codes and their names ("INVALID_ARGUMENT").
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

// Proto field path (as the server names it in a google.rpc.BadRequest) -> the flag the person
// typed, e.g. {"conclusion_summary", "--summary"}. Each command keeps its own table beside its
// flag definitions; a violation of a field without a flag shows its Dutch description alone.
using FlagTable = std::vector<std::pair<std::string, std::string>>;

// The flag for a violated field: the exact path, else the path without list indices
// ("provider.agb_codes[1]" -> "provider.agb_codes"), else the longest entry that is a parent
// of the path ("contract.options[0].number" under "contract.options"); "" when none.
inline std::string FlagFor(const FlagTable& flags, const std::string& field) {
  std::string plain;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '[') {
      while (i < field.size() && field[i] != ']') ++i;
      continue;
    }
    plain += field[i];
  }
  std::string best, best_path;
  for (const auto& [path, flag] : flags) {
    if (path == field || path == plain) return flag;
    if (plain.size() > path.size() && plain.compare(0, path.size(), path) == 0 &&
        plain[path.size()] == '.' && path.size() > best_path.size()) {
      best = flag;
      best_path = path;
    }
  }
  return best;
}

// A Dutch sentence per code, for errors that carry no Dutch text of their own (the channel's
// own errors: no server, deadline).
inline std::string DutchForCode(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "De invoer is niet geldig; controleer wat u heeft ingevuld.";
    case grpc::StatusCode::NOT_FOUND:
      return "Niet gevonden: het bestaat niet (meer).";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "Dit bestaat al.";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "U heeft geen toegang tot deze gegevens of deze handeling.";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "U bent niet (meer) ingelogd: zet een geldig token in OZJT_TOKEN (of --token).";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "Dit kan niet in de huidige stand van zaken.";
    case grpc::StatusCode::ABORTED:
      return "Iemand anders heeft dit intussen gewijzigd; lees opnieuw en probeer het nog eens.";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "Een waarde valt buiten het toegestane bereik.";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "De server is op dit moment te druk; probeer het zo opnieuw.";
    case grpc::StatusCode::UNAVAILABLE:
      return "De server is niet bereikbaar (OZJT_ADDR of --addr); probeer het zo opnieuw.";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "Het verzoek duurde te lang; probeer het opnieuw (of verhoog --timeout).";
    default:
      return "Er ging iets mis op de server; geef het verzoek-id door aan de beheerder.";
  }
}

// Prints a failed call as a person reads it: "fout: " and the Dutch message the server sent
// (google.rpc.LocalizedMessage), after UNAVAILABLE a line saying the call was tried
// kMaxAttempts times, one line per field violation naming the flag the person typed (see
// FlagTable) with its Dutch description, and last the code and request id (the key to the
// server's log line) for support. Returns the exit code: 1.
inline int PrintError(const grpc::Status& status, const grpc::ClientContext* context = nullptr,
                      const FlagTable& flags = FlagTable()) {
  std::string dutch;
  std::vector<std::pair<std::string, std::string>> violations;  // field, description
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::LocalizedMessage localized;
      google::rpc::BadRequest bad;
      if (any.UnpackTo(&localized)) {
        if (dutch.empty() || localized.locale() == "nl-NL") dutch = localized.message();
      } else if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          violations.emplace_back(v.field(), v.description());
        }
      }
    }
  }
  // With violations the message is often just their descriptions again: say it once.
  std::string joined;
  for (const auto& v : violations) joined += (joined.empty() ? "" : " ") + v.second;
  if (dutch.empty() || (!violations.empty() && dutch == joined)) {
    dutch = DutchForCode(status.error_code());
  }
  std::cerr << "fout: " << dutch << std::endl;
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    // The call was retried (request_ids.h); a change may have been made all the same.
    std::cerr << "  Het verzoek is " << kMaxAttempts
              << " keer geprobeerd. Ging het om een wijziging, kijk dan eerst of die al is "
                 "doorgevoerd voordat u de opdracht herhaalt."
              << std::endl;
  }
  for (const auto& [field, description] : violations) {
    const std::string flag = FlagFor(flags, field);
    std::cerr << "  " << (flag.empty() ? "" : flag + ": ") << description << std::endl;
  }
  std::string id;
  if (context != nullptr) {
    const auto& trailing = context->GetServerTrailingMetadata();
    auto it = trailing.find("x-request-id");
    if (it != trailing.end()) id = std::string(it->second.data(), it->second.size());
  }
  std::cerr << "  (" << CodeName(status.error_code()) << (id.empty() ? "" : "; verzoek-id: " + id)
            << ")" << std::endl;
  return 1;
}

// A local mistake in what the person typed (a date, an amount, an unknown value): prints
// "fout: " and the Dutch sentence; returns the usage exit code, 2.
inline int UsageError(const std::string& dutch) {
  std::cerr << "fout: " << dutch << std::endl;
  return 2;
}

class Client {
 public:
  explicit Client(const Options& o) : options_(o) {
    std::shared_ptr<grpc::ChannelCredentials> creds;
    if (!o.tls_ca.empty()) {
      std::ifstream in(o.tls_ca);
      std::stringstream ss;
      ss << in.rdbuf();
      grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = ss.str();
      creds = grpc::SslCredentials(ssl);
    } else {
      creds = grpc::InsecureChannelCredentials();
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(kMaxMessageBytes);
    args.SetMaxSendMessageSize(kMaxMessageBytes);
    // Every write carries a fresh idempotency key; every call is retried on UNAVAILABLE with
    // the same key (request_ids.h).
    AddRetryPolicy(&args);
    channel_ = grpc::experimental::CreateCustomChannelWithInterceptors(o.addr, creds, args,
                                                                       RequestIdInterceptors());
  }

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!options_.token.empty()) ctx->AddMetadata("authorization", "Bearer " + options_.token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(options_.timeout_s));
    return ctx;
  }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  const Options& options() const { return options_; }

 private:
  Options options_;
  std::shared_ptr<grpc::Channel> channel_;
};

// One bad row of a CSV import (providers, turnover, JZ+ inflow) as a person reads it: the
// service's Dutch text, which names line and column ("regel 4, kolom kvk_nummer: ..."), or else
// the line, column and rule.
template <typename RowError>
std::string ImportErrorText(const RowError& e) {
  if (!e.dutch().empty()) return e.dutch();
  return "regel " + std::to_string(e.line()) + (e.field().empty() ? "" : ", kolom " + e.field()) +
         ": " + e.description();
}

inline void PrintJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions o;
  o.add_whitespace = true;
  o.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, o);
  std::cout << out;
}

// Prints rows as aligned columns.
inline void PrintTable(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  auto len = [](const std::string& s) {  // characters, not bytes
    return static_cast<size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  for (size_t i = 0; i < header.size(); ++i) width[i] = len(header[i]);
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], len(r[i]));
  }
  auto line = [&](const std::vector<std::string>& r) {
    for (size_t i = 0; i < r.size(); ++i) {
      std::cout << r[i];
      if (i + 1 < r.size()) std::cout << std::string(width[i] - len(r[i]) + 2, ' ');
    }
    std::cout << "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
}

// Enum value from a short name: ("TIER_", "strategic") -> TIER_STRATEGIC. Dutch words for
// tier and status are accepted too.
template <typename E>
bool ParseEnum(const google::protobuf::EnumDescriptor* d, const std::string& prefix,
               std::string text, E* out) {
  static const std::pair<const char*, const char*> kDutch[] = {
      {"strategisch", "strategic"},     {"lokaal", "local"},         {"aanvrager", "applicant"},
      {"gecontracteerd", "contracted"}, {"opgeschort", "suspended"}, {"beeindigd", "ended"}};
  text = absl::AsciiStrToLower(text);
  for (const auto& [nl, en] : kDutch) {
    if (text == nl) text = en;
  }
  const auto* v = d->FindValueByName(prefix + absl::AsciiStrToUpper(text));
  if (v == nullptr || v->number() == 0) return false;
  *out = static_cast<E>(v->number());
  return true;
}

inline std::string EnumShort(const google::protobuf::EnumDescriptor* d, int value,
                             const std::string& prefix) {
  const auto* v = d->FindValueByNumber(value);
  if (v == nullptr) return std::to_string(value);
  std::string n = v->name();
  if (n.rfind(prefix, 0) == 0) n = n.substr(prefix.size());
  return absl::AsciiStrToLower(n);
}

// Cents as Dutch euros: 1234567 -> "€ 12.345,67".
inline std::string Euros(int64_t cents) {
  const bool negative = cents < 0;
  uint64_t c = negative ? -static_cast<uint64_t>(cents) : cents;
  std::string whole = std::to_string(c / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(i, ".");
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(c % 100));
  return absl::StrCat(negative ? "-" : "", "\u20ac ", whole, ",", frac);
}

// A date as people type it, "dd-mm-jjjj" (31-12-2026, also 1-2-2026) or ISO "jjjj-mm-dd"
// (2026-12-31), into a Date; false when malformed or not a day of the calendar (31-02-2026).
inline bool ParseDate(const std::string& text, google::type::Date* out) {
  int a = 0, b = 0, c = 0, n = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d%n", &a, &b, &c, &n) != 3 ||
      n != static_cast<int>(text.size()) || text[0] == '-' || text[0] == '+') {
    return false;
  }
  const size_t first_dash = text.find('-');
  int y, m, d;
  if (first_dash == 4) {  // jjjj-mm-dd
    y = a, m = b, d = c;
  } else if (first_dash <= 2 && text.size() - text.rfind('-') == 5) {  // dd-mm-jjjj
    d = a, m = b, y = c;
  } else {
    return false;
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap)) {
    return false;
  }
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

// ParseDate for the value of `flag`; prints the Dutch usage error and returns false when the
// text is no date. An empty text is no date either: call it only for given flags.
inline bool ParseDateFlag(const std::string& flag, const std::string& text,
                          google::type::Date* out) {
  if (ParseDate(text, out)) return true;
  UsageError(flag + ": '" + text +
             "' is geen geldige datum; schrijf dd-mm-jjjj (31-12-2026) of jjjj-mm-dd.");
  return false;
}

// An optional date flag: true when empty or a valid date; else false after printing the Dutch
// usage error, with exit code 2 in `*exit_code`.
inline bool DateFlag(const std::string& flag, const std::string& text, google::type::Date* out,
                     int* exit_code) {
  if (text.empty() || ParseDateFlag(flag, text, out)) return true;
  *exit_code = 2;
  return false;
}

// An enum value from a flag; false after printing the Dutch usage error with the choices (and
// exit code 2 in `*exit_code` when given).
template <typename E>
bool EnumFlag(const google::protobuf::EnumDescriptor* d, const std::string& prefix,
              const std::string& flag, const std::string& text, E* out, int* exit_code = nullptr) {
  if (ParseEnum(d, prefix, text, out)) return true;
  std::string choices;
  for (int i = 0; i < d->value_count(); ++i) {
    if (d->value(i)->number() == 0) continue;
    absl::StrAppend(&choices, choices.empty() ? "" : ", ",
                    EnumShort(d, d->value(i)->number(), prefix));
  }
  const int code = UsageError(flag + ": '" + text + "' kan niet; kies uit " + choices + ".");
  if (exit_code != nullptr) *exit_code = code;
  return false;
}

// A decimal number as people type it into the plain form the services read ("4,94" ->
// "4.94", "1.234,50" -> "1234.50", "-0,5" -> "-0.5", "94.80" stays): a comma is the decimal
// separator; with a comma, dots group thousands; without one, a single dot is the decimal
// point and several dots group thousands ("1.234.567"). False when it is no number.
inline bool NormalizeDecimal(const std::string& text, std::string* out) {
  std::string t = text;
  std::string sign;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    if (t[0] == '-') sign = "-";
    t = t.substr(1);
  }
  const size_t comma = t.find(',');
  if (comma != std::string::npos && t.find(',', comma + 1) != std::string::npos) return false;
  std::string whole = comma == std::string::npos ? t : t.substr(0, comma);
  std::string frac = comma == std::string::npos ? "" : t.substr(comma + 1);
  const size_t dots = static_cast<size_t>(std::count(whole.begin(), whole.end(), '.'));
  if (comma == std::string::npos && dots == 1) {  // 94.80
    frac = whole.substr(whole.find('.') + 1);
    whole = whole.substr(0, whole.find('.'));
    if (frac.empty()) return false;
  } else if (dots > 0) {  // thousands: 1.234 or 1.234.567: 1 to 3 digits, then groups of 3
    std::string digits;
    size_t start = 0;
    for (size_t dot = whole.find('.');; dot = whole.find('.', start)) {
      const size_t len = (dot == std::string::npos ? whole.size() : dot) - start;
      if (start == 0 ? (len < 1 || len > 3) : len != 3) return false;
      digits += whole.substr(start, len);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    whole = digits;
  }
  if (whole.empty() || (comma != std::string::npos && frac.empty())) return false;
  for (char c : whole + frac) {
    if (c < '0' || c > '9') return false;
  }
  *out = sign + whole + (frac.empty() ? "" : "." + frac);
  return true;
}

// NormalizeDecimal for the value of `flag`; prints the Dutch usage error and returns false.
inline bool DecimalFlag(const std::string& flag, const std::string& text, std::string* out) {
  if (NormalizeDecimal(text, out)) return true;
  UsageError(flag + ": '" + text + "' is geen getal; schrijf bijvoorbeeld 4,94 of 4.94.");
  return false;
}

// An amount in euros as people type it ("32,42", "32.42", "1.234,50", "€ 1.234,50", "1234")
// into cents; false when it is no amount or has more than two decimals.
inline bool ParseAmountCents(std::string text, int64_t* cents) {
  const std::string euro = "\u20ac";
  if (text.rfind(euro, 0) == 0) text = text.substr(euro.size());
  while (!text.empty() && text[0] == ' ') text = text.substr(1);
  std::string plain;
  if (!NormalizeDecimal(text, &plain)) return false;
  const bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain = plain.substr(1);
  const size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : plain.substr(dot + 1);
  if (frac.size() > 2 || whole.size() > 15) return false;
  while (frac.size() < 2) frac += '0';
  int64_t value = std::stoll(whole) * 100 + std::stoll(frac);
  *cents = negative ? -value : value;
  return true;
}

// A Date as Dutch "dd-mm-jjjj"; "" when unset.
inline std::string DutchDate(const google::type::Date& d) {
  if (d.year() == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day(), d.month(), d.year());
  return buf;
}

// Reads a whole file (bytes as they are); prints the problem and returns false.
inline bool ReadTextFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "fout: het bestand " << path << " kan niet worden gelezen." << std::endl;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Reads a JSON file into a message (proto field names); prints the problem and returns false.
inline bool ReadJsonFile(const std::string& path, google::protobuf::Message* out) {
  std::string text;
  if (!ReadTextFile(path, &text)) return false;
  google::protobuf::util::JsonParseOptions o;
  auto status = google::protobuf::util::JsonStringToMessage(text, out, o);
  if (!status.ok()) {
    std::cerr << "fout: " << path << " is geen geldige JSON voor deze opdracht ("
              << status.message() << ")." << std::endl;
    return false;
  }
  return true;
}

// Calls one RPC on a `Stub` (a generated Service::Stub) with a fresh context:
// `call(stub, context, &response)` returns its status. On failure prints the error and returns
// 1; with --json prints the response; else hands it to `show`. Returns the exit code (what
// `show` returns, if it returns an int). `flags` names the flags in field errors (FlagTable).
template <typename Stub, typename Resp, typename Call, typename Show>
int CallAndShow(const Options& o, Call call, Show show, const FlagTable& flags = FlagTable()) {
  Client client(o);
  Stub stub(client.channel());
  Resp resp;
  auto ctx = client.Context();
  grpc::Status status = call(stub, ctx.get(), &resp);
  if (!status.ok()) return PrintError(status, ctx.get(), flags);
  if (o.json) {
    PrintJson(resp);
    return 0;
  }
  // `show` may return the exit code (e.g. 1 for row errors in an import's response).
  if constexpr (std::is_same_v<std::invoke_result_t<Show, const Resp&>, int>) {
    return show(resp);
  } else {
    show(resp);
    return 0;
  }
}

// Sends `req` through `method` of a new stub; see CallAndShow.
template <typename Stub, typename Req, typename Resp, typename Show>
int Send(const Options& o, grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
         const Req& req, Show show, const FlagTable& flags = FlagTable()) {
  return CallAndShow<Stub, Resp>(
      o,
      [&](Stub& stub, grpc::ClientContext* ctx, Resp* resp) {
        return (stub.*method)(ctx, req, resp);
      },
      show, flags);
}

// A paged List call (AIP-158) shown like Send: the first page, or with `all` every page, merged
// into one response (repeated fields appended, next_page_token the last page's). When pages
// were left, says so on stderr: "(meer: --all)".
template <typename Stub, typename Req, typename Resp, typename Show>
int ListAndShow(const Options& o,
                grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*), Req req,
                bool all, Show show) {
  Client client(o);
  Stub stub(client.channel());
  Resp found;
  do {
    Resp page;
    auto ctx = client.Context();
    grpc::Status status = (stub.*method)(ctx.get(), req, &page);
    if (!status.ok()) return PrintError(status, ctx.get(), FlagTable());
    found.MergeFrom(page);
    found.set_next_page_token(page.next_page_token());
    req.set_page_token(page.next_page_token());
  } while (all && !req.page_token().empty());
  if (o.json) {
    PrintJson(found);
  } else {
    show(found);
  }
  if (!found.next_page_token().empty()) std::cerr << "(meer: --all)\n";
  return 0;
}

// Runs `fn` with a client, sets the exit code.
template <typename Fn>
void Run(const Options& o, int& exit_code, Fn fn) {
  Client client(o);
  exit_code = fn(client);
}

// A resource name from what a user types: "12" or "contracts/12" -> "contracts/12".
inline std::string Name(const std::string& collection, const std::string& id) {
  return id.rfind(collection + "/", 0) == 0 ? id : collection + "/" + id;
}

}  // namespace ozjt::cli
