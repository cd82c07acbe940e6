#include "services/contracts/demo_data.h"

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"
#include "services/registry/demo_data.h"

namespace ozjt::contracts {
namespace {

using registry::DemoParty;

struct Builder {
  ContractTx& tx;
  const ContractRefs& refs;
  const TariffRefs& tariff_refs;
  int added = 0;

  absl::StatusOr<Contract> Add(Contract c) {
    OZJT_RETURN_IF_ERROR(Prepare(c, refs, "demo"));
    ++added;
    return tx.Insert(c);
  }

  absl::Status Line(const Contract& c, TariffLaw law, Variant variant, const char* category,
                    const char* code, const char* description, const char* unit, int64_t cents,
                    Day from, int index_year) {
    TariffLine l;
    l.contract_id = c.id;
    l.law = law;
    l.variant = variant;
    l.product_category = category;
    l.product_code = code;
    l.description = description;
    l.unit = unit;
    l.amount_cents = cents;
    l.valid_from = from;
    l.index_year = index_year;
    OZJT_RETURN_IF_ERROR(PrepareTariffLine(l, tariff_refs, c));
    tx.InsertTariffLine(l);
    return absl::OkStatus();
  }
};

std::vector<Participation> Taking(const std::vector<std::string>& codes, Day from) {
  std::vector<Participation> out;
  out.reserve(codes.size());
  for (const auto& code : codes) out.push_back({code, from, std::nullopt});
  return out;
}

Contract Base(const char* reference, const char* title, ContractKind kind, ContractDomain domain,
              ContractFamily family, Day start, Day end, int64_t value_cents) {
  Contract c;
  c.reference = reference;
  c.title = title;
  c.kind = kind;
  c.domain = domain;
  c.family = family;
  c.start_date = start;
  c.end_date = end;
  c.value_cents = value_cents;
  c.status = ContractStatus::kActive;
  return c;
}

// An option exercised before the contract was entered (recorded after the fact).
OptionExercise Exercised(Day notice, Day deadline, Day new_end, const char* proof) {
  OptionExercise e;
  e.notice_date = notice;
  e.receipt_proof = proof;
  e.new_end_date = new_end;
  e.exercised_by = "system:demo-seed";
  e.notice_deadline = deadline;
  e.after_the_fact = true;
  return e;
}

using K = ContractKind;
using D = ContractDomain;
using F = ContractFamily;
using L = TariffLaw;
using V = Variant;

// Who takes part in the demo contracts: municipalities and the demo providers' ids.
struct DemoParties {
  std::vector<std::string> all;      // the 14 municipalities
  std::vector<std::string> ho;       // without Rijssen-Holten
  std::vector<std::string> vervoer;  // the 10 of the transport tender
  std::vector<int64_t> jh, lot1, lot2, ho_providers, hospitals;
  int64_t taxi_a = 0, taxi_b = 0, call_centre = 0, monitoring = 0, jzp_provider = 0,
          local_provider = 0;
  std::vector<std::string> local_municipalities;  // of the local provider
};

// The tariffs of the youth care and Wmo support framework, 2025.
absl::Status AddYouthCareTariffs(Builder& b, const Contract& jh) {
  const Day y25(2025, 1, 1);
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kJeugdwet, V::kInspanningsgericht, "45", "45A01",
                              "Ambulante begeleiding individueel", "04", 7850, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kJeugdwet, V::kInspanningsgericht, "45", "45A02",
                              "Ambulante behandeling individueel", "04", 11240, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kJeugdwet, V::kInspanningsgericht, "41", "41D01",
                              "Dagbehandeling", "16", 9620, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kJeugdwet, V::kInspanningsgericht, "43", "43V01",
                              "Verblijf inclusief behandeling", "14", 29800, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kJeugdwet, V::kInspanningsgericht, "46", "46C01",
                              "Crisisopvang", "14", 41000, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kWmo, V::kInspanningsgericht, "02", "02B01",
                              "Begeleiding individueel", "04", 6230, y25, 2025));
  OZJT_RETURN_IF_ERROR(b.Line(jh, L::kWmo, V::kInspanningsgericht, "07", "07D01", "Dagbesteding",
                              "16", 4890, y25, 2025));
  return absl::OkStatus();
}

absl::Status AddYouthCare(Builder& b, const DemoParties& p) {
  // Youth care and Wmo support, the Twents Model, 2025: all 14 municipalities.
  Contract jh =
      Base("JH-2025", "Raamovereenkomst Jeugdhulp en Wmo-begeleiding Twente 2025", K::kFramework,
           D::kBoth, F::kGeneral, Day(2025, 1, 1), Day(2028, 12, 31), 200'000'000'00);
  jh.provider_ids = p.jh;
  jh.participations = Taking(p.all, Day(2025, 1, 1));
  jh.options = {{1, 24, true, 0, std::nullopt, std::nullopt},
                {2, 24, true, 0, std::nullopt, std::nullopt}};
  jh.documents = {
      {"Raamovereenkomst JH-2025", "dms://ozjt/inkoop/2025/raamovereenkomst", Day(2024, 10, 15)},
      {"Bestek en kwaliteitseisen", "dms://ozjt/inkoop/2025/bestek", Day(2024, 5, 1)}};
  OZJT_ASSIGN_OR_RETURN(jh, b.Add(jh));
  OZJT_RETURN_IF_ERROR(AddYouthCareTariffs(b, jh));
  Contract lot1 = Base("JH-2025-P1", "Perceel 1: ambulante jeugdhulp", K::kLot, D::kJeugdwet,
                       F::kGeneral, Day(2025, 1, 1), Day(2028, 12, 31), 90'000'000'00);
  lot1.parent_id = jh.id;
  lot1.provider_ids = p.lot1;
  lot1.participations = Taking(p.all, Day(2025, 1, 1));
  OZJT_RETURN_IF_ERROR(b.Add(lot1).status());
  Contract lot2 = Base("JH-2025-P2", "Perceel 2: jeugdhulp met verblijf", K::kLot, D::kJeugdwet,
                       F::kGeneral, Day(2025, 1, 1), Day(2028, 12, 31), 70'000'000'00);
  lot2.parent_id = jh.id;
  lot2.provider_ids = p.lot2;
  lot2.participations = Taking(p.all, Day(2025, 1, 1));
  OZJT_RETURN_IF_ERROR(b.Add(lot2).status());
  return absl::OkStatus();
}

absl::Status AddHo(Builder& b, const DemoParties& p) {
  // Huishoudelijke ondersteuning: 13 municipalities (Rijssen-Holten contracts separately),
  // 16 providers; tariffs at the 2023 price level, indexation for 2024 and 2025 still to run.
  Contract hoc = Base("HO-2023", "Huishoudelijke ondersteuning Twente", K::kFramework, D::kWmo,
                      F::kHo, Day(2023, 1, 1), Day(2026, 12, 31), 38'000'000'00);
  hoc.provider_ids = p.ho_providers;
  hoc.participations = Taking(p.ho, Day(2023, 1, 1));
  hoc.index_base_year = 2022;  // tender prices of 2022, indexed for 2023 at award
  hoc.options = {
      {1, 24, true, 0,
       Exercised(Day(2026, 5, 12), Day(2026, 6, 30), Day(2028, 12, 31), "aangetekend RR 2026-0412"),
       std::nullopt},
      {2, 24, true, 0, std::nullopt, std::nullopt}};
  hoc.end_date = Day(2028, 12, 31);
  OZJT_ASSIGN_OR_RETURN(hoc, b.Add(hoc));
  OZJT_RETURN_IF_ERROR(b.Line(hoc, L::kWmo, V::kInspanningsgericht, "01", "01HH1",
                              "Hulp bij het huishouden basis", "04", 3050, Day(2023, 1, 1), 2023));
  OZJT_RETURN_IF_ERROR(b.Line(hoc, L::kWmo, V::kInspanningsgericht, "01", "01HH2",
                              "Hulp bij het huishouden plus", "04", 3390, Day(2023, 1, 1), 2023));
  b.tx.InsertFloor({"01", "01HH1", 2024, 3300});
  b.tx.InsertFloor({"01", "01HH2", 2024, 3300});
  return absl::OkStatus();
}

// The two lots of DGV-2023 with their tariffs, KPI norms and a quarter of measurements.
absl::Status AddVervoerLots(Builder& b, const DemoParties& p, const Contract& dgv) {
  const char* lot_titles[] = {"Perceel 1: leerlingenvervoer", "Perceel 2: Wmo- en jeugdvervoer"};
  const int64_t lot_providers[] = {p.taxi_a, p.taxi_b};
  for (int i = 0; i < 2; ++i) {
    Contract lot = Base(i == 0 ? "DGV-2023-P1" : "DGV-2023-P2", lot_titles[i], K::kLot, D::kBoth,
                        F::kVervoer, Day(2024, 1, 1), Day(2029, 12, 31), 12'000'000'00);
    lot.parent_id = dgv.id;
    lot.provider_ids = {lot_providers[i]};
    lot.participations = Taking(p.vervoer, Day(2024, 1, 1));
    OZJT_ASSIGN_OR_RETURN(lot, b.Add(lot));
    OZJT_RETURN_IF_ERROR(b.Line(lot, L::kWmo, V::kOutputgericht, "08", i == 0 ? "08L01" : "08W01",
                                i == 0 ? "Rit leerlingenvervoer" : "Rit Wmo-vervoer", "82",
                                i == 0 ? 2140 : 1860, Day(2024, 1, 1), 2024));
    const KpiDefinition kpis[] = {
        {lot.id, KpiKind::kPunctuality, 9500, NormDirection::kAtLeast,
         "ophalen binnen 15 minuten van de afgesproken tijd"},
        {lot.id, KpiKind::kRideTime, 9800, NormDirection::kAtLeast,
         "ritten binnen de maximale reistijd (leerlingen 60, nooit 90 minuten)"},
        {lot.id, KpiKind::kDetour, 9500, NormDirection::kAtLeast,
         "omrijtijd binnen normale reistijd + 50%"},
        {lot.id, KpiKind::kComplaints, 150, NormDirection::kAtMost, "klachten per 1.000 ritten"},
        {lot.id, KpiKind::kSatisfaction, 750, NormDirection::kAtLeast,
         "klanttevredenheid (rapportcijfer)"}};
    for (const auto& k : kpis) b.tx.UpsertKpiDefinition(k);
    const int64_t values[2][5] = {{9610, 9840, 9720, 120, 780}, {9380, 9790, 9650, 190, 740}};
    const MeasurementSource sources[] = {
        MeasurementSource::kMonitoring, MeasurementSource::kMonitoring,
        MeasurementSource::kMonitoring, MeasurementSource::kCallcentre, MeasurementSource::kSurvey};
    for (int k = 0; k < 5; ++k) {
      b.tx.InsertMeasurement(
          {0, lot.id, "2026-Q3", kpis[k].kind, values[i][k], sources[k], "", "", {}});
    }
  }
  return absl::OkStatus();
}

absl::Status AddVervoer(Builder& b, const DemoParties& p) {
  // Doelgroepenvervoer, tendered in 2023 for 10 municipalities, extended to 2029.
  Contract dgv = Base("DGV-2023", "Doelgroepenvervoer Twente", K::kFramework, D::kBoth, F::kVervoer,
                      Day(2024, 1, 1), Day(2026, 12, 31), 24'000'000'00);
  dgv.provider_ids = {p.taxi_a, p.taxi_b};
  dgv.participations = Taking(p.vervoer, Day(2024, 1, 1));
  dgv.options = {{1, 36, true, 0,
                  Exercised(Day(2026, 3, 10), Day(2026, 6, 30), Day(2029, 12, 31),
                            "ontvangstbevestiging 2026-0310"),
                  std::nullopt},
                 {2, 24, false, 0, std::nullopt, std::nullopt}};
  dgv.end_date = Day(2029, 12, 31);
  OZJT_ASSIGN_OR_RETURN(dgv, b.Add(dgv));
  OZJT_RETURN_IF_ERROR(AddVervoerLots(b, p, dgv));
  Contract cc = Base("DGV-CC-2023", "Regiecentrale doelgroepenvervoer", K::kSingle, D::kBoth,
                     F::kVervoerCallcentre, Day(2024, 1, 1), Day(2029, 12, 31), 1'800'000'00);
  cc.provider_ids = {p.call_centre};
  cc.participations = Taking(p.vervoer, Day(2024, 1, 1));
  OZJT_RETURN_IF_ERROR(b.Add(cc).status());
  Contract mon = Base("DGV-MON-2023", "Monitoringsoftware doelgroepenvervoer", K::kSingle, D::kWmo,
                      F::kVervoerMonitoring, Day(2024, 1, 1), Day(2029, 12, 31), 240'000'00);
  mon.provider_ids = {p.monitoring};
  mon.participations = Taking(p.vervoer, Day(2024, 1, 1));
  OZJT_RETURN_IF_ERROR(b.Add(mon).status());
  return absl::OkStatus();
}

absl::Status AddMedicatiecontroleAndJzp(Builder& b, const DemoParties& p) {
  // Medicatiecontrole (docs/domain.md worked example): both options exercised.
  Contract mc = Base("MC-2022", "Raamovereenkomst medicatiecontrole", K::kFramework, D::kJeugdwet,
                     F::kMedicatiecontrole, Day(2022, 1, 1), Day(2026, 12, 31), 450'000'00);
  mc.provider_ids = p.hospitals;
  mc.participations = Taking(p.all, Day(2022, 1, 1));
  mc.notice_months = 3;
  mc.options = {
      {1, 12, true, 0,
       Exercised(Day(2024, 9, 16), Day(2024, 9, 30), Day(2025, 12, 31), "aangetekend RR 2024-0916"),
       std::nullopt},
      {2, 12, true, 0,
       Exercised(Day(2025, 9, 15), Day(2025, 9, 30), Day(2026, 12, 31), "aangetekend RR 2025-0915"),
       std::nullopt}};
  OZJT_RETURN_IF_ERROR(b.Add(mc).status());

  // Jeugdzorg Plus, partly subsidised: its option must be noticed by 2026-11-30.
  Contract jzp = Base("JZP-2024", "Kleinschalige Jeugdzorg Plus", K::kSubsidy, D::kJeugdwet,
                      F::kJeugdzorgPlus, Day(2024, 1, 1), Day(2027, 5, 31), 9'500'000'00);
  jzp.provider_ids = {p.jzp_provider};
  jzp.participations = Taking(p.all, Day(2024, 1, 1));
  jzp.options = {{1, 12, true, 0, std::nullopt, std::nullopt}};
  OZJT_ASSIGN_OR_RETURN(jzp, b.Add(jzp));
  OZJT_RETURN_IF_ERROR(b.Line(jzp, L::kJeugdwet, V::kInspanningsgericht, "43", "43G01",
                              "Gesloten verblijf met behandeling", "14", 61500, Day(2024, 1, 1),
                              2024));
  return absl::OkStatus();
}

absl::Status AddUnderNotice(Builder& b, const DemoParties& p, Day today) {
  // A single agreement under a notice of default.
  Contract ea = Base("EA-2025-017", "Enkelvoudige overeenkomst ambulante begeleiding", K::kSingle,
                     D::kJeugdwet, F::kGeneral, Day(2025, 1, 1), Day(2027, 12, 31), 350'000'00);
  ea.provider_ids = {p.local_provider};
  ea.participations = Taking(p.local_municipalities, Day(2025, 1, 1));
  OZJT_ASSIGN_OR_RETURN(ea, b.Add(ea));
  LegalStep notice;
  notice.contract_id = ea.id;
  notice.kind = LegalStepKind::kIngebrekestelling;
  notice.date = Day(2026, 11, 16);
  notice.term_days = 21;
  notice.grounds = "Verantwoording over Q2 en Q3 ontbreekt ondanks twee herinneringen (art. 3.10)";
  notice.documents = {{"Ingebrekestelling EA-2025-017",
                       "dms://ozjt/cm/ea-2025-017/ingebrekestelling", Day(2026, 11, 16)}};
  OZJT_RETURN_IF_ERROR(PrepareLegalStep(notice, std::max(today, notice.date)));
  b.tx.InsertLegalStep(notice);
  return absl::OkStatus();
}

void AddFigures(ContractTx& tx) {
  // The published VNG figures (docs/domain.md).
  const IndexFigure figures[] = {
      {"OVA", 2023, FigureKind::kForecast, 474}, {"OVA", 2023, FigureKind::kFinal, 636},
      {"PCC", 2023, FigureKind::kForecast, 487}, {"PCC", 2023, FigureKind::kFinal, 702},
      {"OVA", 2024, FigureKind::kForecast, 494}, {"OVA", 2024, FigureKind::kFinal, 600},
      {"PCC", 2024, FigureKind::kForecast, 251}, {"PCC", 2024, FigureKind::kFinal, 310},
      {"OVA", 2025, FigureKind::kForecast, 418}, {"PCC", 2025, FigureKind::kForecast, 182}};
  for (const auto& f : figures) tx.InsertFigure(f);
}

// The provider ids of the demo providers at `indexes` (their index in DemoProviders()).
absl::StatusOr<std::vector<int64_t>> IdsOf(registry::DemoProviderIds& id_of,
                                           const std::vector<int>& indexes) {
  std::vector<int64_t> out;
  out.reserve(indexes.size());
  for (int i : indexes) {
    OZJT_ASSIGN_OR_RETURN(int64_t id, id_of(i));
    out.push_back(id);
  }
  return out;
}

// The indexes from `from` up to (not including) `to`.
std::vector<int> Range(int from, int to) {
  std::vector<int> v;
  for (int i = from; i < to; ++i) v.push_back(i);
  return v;
}

// The municipalities: all 14, those of HO (without Rijssen-Holten) and the 10 of the transport
// tender.
void ChooseMunicipalities(DemoParties* p) {
  p->all = registry::TwenteMunicipalities();
  for (const auto& m : p->all) {
    if (m != "1742") p->ho.push_back(m);
    if (m != "0141" && m != "0147" && m != "1735" && m != "1742") p->vervoer.push_back(m);
  }
}

// The framework's and lots' providers: the 28 strategic ones, 16 local providers working under
// the Wmo for HO, and the two hospitals.
absl::Status ChooseCareProviders(const std::vector<registry::Provider>& demo,
                                 registry::DemoProviderIds& id_of, DemoParties* p) {
  std::vector<int> wmo_providers;  // 16 local providers working under the Wmo, for HO
  for (int i = 28; i < static_cast<int>(demo.size()) - 6 && wmo_providers.size() < 16; ++i) {
    if (std::count(demo[i].laws.begin(), demo[i].laws.end(), registry::Law::kWmo)) {
      wmo_providers.push_back(i);
    }
  }
  OZJT_ASSIGN_OR_RETURN(p->jh, IdsOf(id_of, Range(0, 28)));
  OZJT_ASSIGN_OR_RETURN(p->lot1, IdsOf(id_of, Range(0, 16)));
  OZJT_ASSIGN_OR_RETURN(p->lot2, IdsOf(id_of, Range(16, 28)));
  OZJT_ASSIGN_OR_RETURN(p->ho_providers, IdsOf(id_of, wmo_providers));
  OZJT_ASSIGN_OR_RETURN(p->hospitals,
                        IdsOf(id_of, {registry::DemoProviderIndex(DemoParty::kHospitalA),
                                      registry::DemoProviderIndex(DemoParty::kHospitalB)}));
  return absl::OkStatus();
}

// The parties of the demo contracts, from the demo providers in the registry.
absl::StatusOr<DemoParties> FindParties(const platform::RequestInfo& r,
                                        registry::Directory& directory) {
  // Provider ids of the demo providers, by their index in DemoProviders().
  const std::vector<registry::Provider> demo = registry::DemoProviders();
  registry::DemoProviderIds id_of(directory, r.deadline);
  DemoParties p;
  ChooseMunicipalities(&p);
  OZJT_RETURN_IF_ERROR(ChooseCareProviders(demo, id_of, &p));
  OZJT_ASSIGN_OR_RETURN(p.taxi_a, id_of(registry::DemoProviderIndex(DemoParty::kTaxiA)));
  OZJT_ASSIGN_OR_RETURN(p.taxi_b, id_of(registry::DemoProviderIndex(DemoParty::kTaxiB)));
  OZJT_ASSIGN_OR_RETURN(p.call_centre, id_of(registry::DemoProviderIndex(DemoParty::kCallCentre)));
  OZJT_ASSIGN_OR_RETURN(p.monitoring, id_of(registry::DemoProviderIndex(DemoParty::kMonitoring)));
  OZJT_ASSIGN_OR_RETURN(p.jzp_provider, id_of(5));
  OZJT_ASSIGN_OR_RETURN(p.local_provider, id_of(60));
  p.local_municipalities = demo[60].municipality_codes;
  return p;
}

}  // namespace

absl::StatusOr<int> LoadDemoContracts(const platform::RequestInfo& r, ContractStore& store,
                                      registry::Directory& directory) {
  OZJT_ASSIGN_OR_RETURN(ContractRefs refs, store.LoadContractRefs(r.deadline));
  OZJT_ASSIGN_OR_RETURN(TariffRefs tariff_refs, store.LoadTariffRefs(r.deadline));
  OZJT_ASSIGN_OR_RETURN(DemoParties p, FindParties(r, directory));
  int added = 0;
  OZJT_RETURN_IF_ERROR(store.Write(r, [&](ContractTx& tx) -> absl::Status {
    if (tx.ReferenceTaken("JH-2025", 0)) return absl::OkStatus();
    Builder b{tx, refs, tariff_refs};
    OZJT_RETURN_IF_ERROR(AddYouthCare(b, p));
    OZJT_RETURN_IF_ERROR(AddHo(b, p));
    OZJT_RETURN_IF_ERROR(AddVervoer(b, p));
    OZJT_RETURN_IF_ERROR(AddMedicatiecontroleAndJzp(b, p));
    OZJT_RETURN_IF_ERROR(AddUnderNotice(b, p, r.today));
    AddFigures(tx);
    added = b.added;
    return absl::OkStatus();
  }));
  return added;
}

}  // namespace ozjt::contracts
