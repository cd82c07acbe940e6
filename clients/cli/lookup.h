// What a person types into resource names, and resource names into what a person reads: a
// contract by its reference ("JZP-2024") or id, a provider by its id, KvK number or AGB code,
// a municipality by its name or CBS code; and back, names and references instead of
// "providers/6", "contracts/3" and "0153" in every table. One Lookup per command: each list is
// fetched at most once and cached for the table.
//
//   Lookup lookup(options);
//   std::string contract;
//   if (int rc = lookup.Contract("JZP-2024", &contract)) return rc;   // "contracts/12"
//   std::cout << lookup.ProviderName("providers/6");                  // "Zorggroep X"
//   std::cout << lookup.MunicipalityName("0153");                     // "Enschede"
#pragma once

#include <map>
#include <string>
#include <vector>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

class Lookup {
 public:
  explicit Lookup(const Options& options);

  // "12", "contracts/12" or a reference ("JZP-2024", any case) -> "contracts/12" in `*name`.
  // Returns 0, or prints the Dutch error and returns 1 (no such contract, or the call failed).
  int Contract(const std::string& text, std::string* name);
  // "6", "providers/6", a KvK number or an AGB code (8 digits), or a unique part of the name
  // -> "providers/6". Returns 0, or prints the Dutch error and returns 1.
  int Provider(const std::string& text, std::string* name);
  // A CBS code ("0153") as it is, or a municipality's name ("Enschede", any case) -> "0153".
  // Returns 0, or prints the Dutch error and returns 2 (an unknown name is a typing mistake).
  int MunicipalityCode(const std::string& text, std::string* code);

  // The provider's display name for "providers/6"; the resource name itself when the caller
  // may not see the provider (or the lookup fails).
  std::string ProviderName(const std::string& name);
  // Names of several providers, joined with ", "; more than `max_shown` end in "en N andere".
  std::string ProviderNames(const std::vector<std::string>& names, size_t max_shown = 3);
  // Fetches the names of these providers in as few calls as possible (one list for many).
  // Names the service already sent beside the resource names (a contract's
  // provider_display_names), so they need no call, also for providers the caller may not open.
  template <typename Names>
  void KnowProviders(const Names& names, const Names& display_names) {
    if (names.size() != display_names.size()) return;
    for (int i = 0; i < names.size(); ++i) {
      if (!display_names[i].empty()) providers_[names[i]] = display_names[i];
    }
  }
  void PrefetchProviders(const std::vector<std::string>& names);
  // "0153" -> "Enschede"; the code itself when unknown.
  std::string MunicipalityName(const std::string& code);
  // "contracts/3" -> its reference ("JZP-2024"); the resource name when it cannot be read.
  std::string ContractReference(const std::string& name);

 private:
  void LoadMunicipalities();

  Options options_;
  Client client_;
  std::map<std::string, std::string> providers_;       // name -> display name
  std::map<std::string, std::string> contracts_;       // name -> reference
  std::map<std::string, std::string> municipalities_;  // CBS code -> name
  bool municipalities_loaded_ = false;
};

}  // namespace ozjt::cli
