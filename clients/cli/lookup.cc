#include "clients/cli/lookup.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "clients/cli/usage.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;
namespace reg = ::ozjt::registry::v1;

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The provider whose name is `text` among those whose name contains it (an exact name wins, else
// the only one); 1 after telling the person when there is none or more than one.
int PickByName(const std::string& text, const std::vector<reg::Provider>& found,
               std::string* name) {
  for (const auto& p : found) {
    if (absl::AsciiStrToLower(p.display_name()) == absl::AsciiStrToLower(text)) {
      *name = p.name();
      return 0;
    }
  }
  if (found.empty()) {
    std::cerr << "fout: Er is geen aanbieder '" << text
              << "'; geef het id, het KvK-nummer, de AGB-code of een deel van de naam."
              << std::endl;
    return 1;
  }
  if (found.size() > 1) {
    std::cerr << "fout: '" << text << "' past bij " << found.size()
              << " aanbieders; geef het id of het KvK-nummer:" << std::endl;
    for (size_t i = 0; i < found.size() && i < 10; ++i) {
      std::cerr << "  " << found[i].name().substr(10) << "  " << found[i].kvk_number() << "  "
                << found[i].display_name() << std::endl;
    }
    return 1;
  }
  *name = found.front().name();
  return 0;
}

// Above this many unknown providers one list of all of them is cheaper than one call each.
constexpr size_t kListAbove = 8;

}  // namespace

Lookup::Lookup(const Options& options) : options_(options), client_(options) {}

int Lookup::Contract(const std::string& text, std::string* name) {
  if (AllDigits(text) || (text.rfind("contracts/", 0) == 0 && AllDigits(text.substr(10)))) {
    *name = Name("contracts", text);
    return 0;
  }
  // A reference: the list filter matches part of reference or title; take the exact one.
  auto stub = ct::ContractService::NewStub(client_.channel());
  ct::ListContractsRequest req;
  req.mutable_filter()->set_text(text);
  req.set_page_size(500);
  const std::string wanted = absl::AsciiStrToLower(text);
  do {
    ct::ListContractsResponse resp;
    auto ctx = client_.Context();
    grpc::Status s = stub->ListContracts(ctx.get(), req, &resp);
    if (!s.ok()) return PrintError(s, ctx.get());
    for (const auto& c : resp.contracts()) {
      contracts_[c.name()] = c.reference();
      if (absl::AsciiStrToLower(c.reference()) == wanted) {
        *name = c.name();
        return 0;
      }
    }
    req.set_page_token(resp.next_page_token());
  } while (!req.page_token().empty());
  std::cerr << "fout: Er is geen contract met kenmerk '" << text
            << "' dat u mag inzien; zoek het met ozjt contracts list --text " << text << "."
            << std::endl;
  return 1;
}

int Lookup::Provider(const std::string& text, std::string* name) {
  const bool id = text.rfind("providers/", 0) == 0 && AllDigits(text.substr(10));
  if (id || (AllDigits(text) && text.size() != 8)) {
    *name = Name("providers", text);
    return 0;
  }
  auto stub = reg::ProviderRegistry::NewStub(client_.channel());
  // Every provider the filter finds (at most a page of 500: enough to tell one from many).
  auto find = [&](const reg::ProviderFilter& filter, std::vector<reg::Provider>* found) {
    reg::ListProvidersRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(500);
    reg::ListProvidersResponse resp;
    auto ctx = client_.Context();
    grpc::Status s = stub->ListProviders(ctx.get(), req, &resp);
    if (!s.ok()) return PrintError(s, ctx.get());
    for (const auto& p : resp.providers()) {
      providers_[p.name()] = p.display_name();
      found->push_back(p);
    }
    return 0;
  };
  std::vector<reg::Provider> found;
  if (AllDigits(text)) {  // 8 digits: a KvK number, else an AGB code
    reg::ProviderFilter filter;
    filter.set_kvk_number(text);
    if (int rc = find(filter, &found)) return rc;
    if (found.empty()) {
      filter.Clear();
      filter.set_agb_code(text);
      if (int rc = find(filter, &found)) return rc;
    }
    if (found.empty()) {
      std::cerr << "fout: Er is geen aanbieder met KvK-nummer of AGB-code " << text
                << " die u mag inzien." << std::endl;
      return 1;
    }
  } else {  // part of the name
    reg::ProviderFilter filter;
    filter.set_display_name_contains(text);
    if (int rc = find(filter, &found)) return rc;
    return PickByName(text, found, name);
  }
  *name = found.front().name();
  return 0;
}

int Lookup::MunicipalityCode(const std::string& text, std::string* code) {
  if (AllDigits(text)) {
    *code = text;
    return 0;
  }
  LoadMunicipalities();
  for (const auto& [cbs, display] : municipalities_) {
    if (absl::AsciiStrToLower(display) == absl::AsciiStrToLower(text)) {
      *code = cbs;
      return 0;
    }
  }
  std::vector<std::string> names;
  for (const auto& [cbs, display] : municipalities_) names.push_back(display);
  const auto nearest = Nearest(text, names);
  return UsageError(
      "Er is geen gemeente '" + text + "'" +
      (nearest.empty() ? "" : "; bedoelde u: " + absl::StrJoin(nearest, " of ") + "?") +
      " Geef de naam of de CBS-code (ozjt reference municipalities).");
}

void Lookup::PrefetchProviders(const std::vector<std::string>& names) {
  std::set<std::string> missing;
  for (const auto& n : names) {
    if (!n.empty() && providers_.count(n) == 0) missing.insert(n);
  }
  if (missing.empty()) return;
  auto stub = reg::ProviderRegistry::NewStub(client_.channel());
  if (missing.size() > kListAbove) {
    reg::ListProvidersRequest req;
    req.set_page_size(500);
    do {
      reg::ListProvidersResponse resp;
      auto ctx = client_.Context();
      if (!stub->ListProviders(ctx.get(), req, &resp).ok()) break;
      for (const auto& p : resp.providers()) providers_[p.name()] = p.display_name();
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
  }
  for (const auto& n : missing) {
    if (providers_.count(n) > 0) continue;
    reg::GetProviderRequest req;
    req.set_name(n);
    reg::Provider p;
    auto ctx = client_.Context();
    // One the caller may not see keeps its resource name: asked once, not per row.
    providers_[n] = stub->GetProvider(ctx.get(), req, &p).ok() ? p.display_name() : n;
  }
}

std::string Lookup::ProviderName(const std::string& name) {
  if (name.empty()) return "";
  PrefetchProviders({name});
  return providers_[name];
}

std::string Lookup::ProviderNames(const std::vector<std::string>& names, size_t max_shown) {
  PrefetchProviders(names);
  std::vector<std::string> shown;
  for (size_t i = 0; i < names.size() && i < max_shown; ++i) shown.push_back(providers_[names[i]]);
  std::string out = absl::StrJoin(shown, ", ");
  if (names.size() > max_shown) {
    out += " en " + std::to_string(names.size() - max_shown) + " andere";
  }
  return out;
}

void Lookup::LoadMunicipalities() {
  if (municipalities_loaded_) return;
  municipalities_loaded_ = true;
  reg::ListMunicipalitiesResponse resp;
  auto ctx = client_.Context();
  if (!reg::ReferenceData::NewStub(client_.channel())
           ->ListMunicipalities(ctx.get(), {}, &resp)
           .ok()) {
    return;
  }
  for (const auto& m : resp.municipalities()) municipalities_[m.cbs_code()] = m.display_name();
}

std::string Lookup::MunicipalityName(const std::string& code) {
  if (code.empty()) return "";
  LoadMunicipalities();
  auto it = municipalities_.find(code);
  return it == municipalities_.end() ? code : it->second;
}

std::string Lookup::ContractReference(const std::string& name) {
  if (name.empty()) return "";
  auto it = contracts_.find(name);
  if (it != contracts_.end()) return it->second;
  ct::GetContractRequest req;
  req.set_name(name);
  ct::Contract c;
  auto ctx = client_.Context();
  const bool ok =
      ct::ContractService::NewStub(client_.channel())->GetContract(ctx.get(), req, &c).ok();
  return contracts_[name] = ok ? c.reference() : name;
}

}  // namespace ozjt::cli
