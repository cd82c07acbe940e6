// The role tables of the contracts service (roles.h): which roles may call each RPC.
#include "services/contracts/roles.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace ozjt::contracts::roles {
namespace {

using platform::Role;

const std::vector<Role> kReaders = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::vector<Role> kWriters = {Role::kOzjtContractManager, Role::kAdmin};
const std::vector<Role> kLocalWriters = {Role::kOzjtContractManager, Role::kAdmin,
                                         Role::kGemeenteContractManager};

MethodPolicy Policy(const char* service, const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.contracts.v1.", service, "/", method), roles};
}

}  // namespace

const MethodPolicy kGetContract = Policy("ContractService", "GetContract", kReaders);
const MethodPolicy kListContracts = Policy("ContractService", "ListContracts", kReaders);
const MethodPolicy kCreateContract = Policy("ContractService", "CreateContract", kWriters);
const MethodPolicy kUpdateContract = Policy("ContractService", "UpdateContract", kWriters);
const MethodPolicy kListContractHistory =
    Policy("ContractService", "ListContractHistory", kReaders);
const MethodPolicy kExerciseOption = Policy("ContractService", "ExerciseOption", kWriters);
const MethodPolicy kDecideOption = Policy("ContractService", "DecideOption", kWriters);
// Letters carry the legal track's grounds: OZJT's own roles (auditors read them too).
const MethodPolicy kGetContractLetter =
    Policy("ContractService", "GetContractLetter",
           {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor});
const MethodPolicy kRecordLetterSent = Policy("ContractService", "RecordLetterSent", kWriters);
const MethodPolicy kListLetterDispatches =
    Policy("ContractService", "ListLetterDispatches",
           {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor});
const MethodPolicy kListAgenda =
    platform::HeavyRead(Policy("ContractService", "ListAgenda", kReaders));
const MethodPolicy kCreateContractNote =
    Policy("ContractService", "CreateContractNote", kLocalWriters);
const MethodPolicy kListContractNotes = Policy("ContractService", "ListContractNotes", kReaders);
const MethodPolicy kCreateLegalStep = Policy("ContractService", "CreateLegalStep", kWriters);
const MethodPolicy kRecordDefaultResponse =
    Policy("ContractService", "RecordDefaultResponse", kWriters);
const MethodPolicy kListLegalSteps = Policy("ContractService", "ListLegalSteps", kReaders);
const MethodPolicy kListTariffLines = Policy("TariffService", "ListTariffLines", kReaders);
const MethodPolicy kCreateTariffLine = Policy("TariffService", "CreateTariffLine", kWriters);
const MethodPolicy kCreateIndexFigure = Policy("TariffService", "CreateIndexFigure", kWriters);
const MethodPolicy kListIndexFigures = Policy("TariffService", "ListIndexFigures", kReaders);
const MethodPolicy kCreateTariffFloor = Policy("TariffService", "CreateTariffFloor", kWriters);
const MethodPolicy kListTariffFloors = Policy("TariffService", "ListTariffFloors", kReaders);
const MethodPolicy kPreviewIndexation = Policy("TariffService", "PreviewIndexation", kReaders);
const MethodPolicy kApplyIndexation = Policy("TariffService", "ApplyIndexation", kWriters);
const MethodPolicy kSetKpiDefinition = Policy("VervoerService", "SetKpiDefinition", kWriters);
const MethodPolicy kListKpiDefinitions = Policy("VervoerService", "ListKpiDefinitions", kReaders);
const MethodPolicy kRecordKpiMeasurement =
    Policy("VervoerService", "RecordKpiMeasurement", kLocalWriters);
const MethodPolicy kListKpiBreaches = Policy("VervoerService", "ListKpiBreaches", kReaders);
const MethodPolicy kListKpiMeasurements = Policy("VervoerService", "ListKpiMeasurements", kReaders);

}  // namespace ozjt::contracts::roles
