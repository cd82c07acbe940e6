// Who may call what in the contracts service: one MethodPolicy per RPC of ContractService,
// TariffService and VervoerService. Reads: every role (municipal users scoped). Terms,
// tariffs, legal tracks, option decisions and letters: OZJT contract managers and
// administrators (auditors may also read the letters). Notes and KPI
// measurements: also municipal users.
#pragma once

#include "services/platform/call.h"

namespace ozjt::contracts::roles {

using platform::MethodPolicy;

// ozjt.contracts.v1.ContractService
extern const MethodPolicy kGetContract;
extern const MethodPolicy kListContracts;
extern const MethodPolicy kCreateContract;
extern const MethodPolicy kUpdateContract;
extern const MethodPolicy kListContractHistory;
extern const MethodPolicy kExerciseOption;
extern const MethodPolicy kDecideOption;
extern const MethodPolicy kGetContractLetter;
extern const MethodPolicy kRecordLetterSent;
extern const MethodPolicy kListLetterDispatches;
extern const MethodPolicy kListAgenda;
extern const MethodPolicy kCreateContractNote;
extern const MethodPolicy kListContractNotes;
extern const MethodPolicy kCreateLegalStep;
extern const MethodPolicy kRecordDefaultResponse;
extern const MethodPolicy kListLegalSteps;
// ozjt.contracts.v1.TariffService
extern const MethodPolicy kListTariffLines;
extern const MethodPolicy kCreateTariffLine;
extern const MethodPolicy kCreateIndexFigure;
extern const MethodPolicy kListIndexFigures;
extern const MethodPolicy kCreateTariffFloor;
extern const MethodPolicy kListTariffFloors;
extern const MethodPolicy kPreviewIndexation;
extern const MethodPolicy kApplyIndexation;
// ozjt.contracts.v1.VervoerService
extern const MethodPolicy kSetKpiDefinition;
extern const MethodPolicy kListKpiDefinitions;
extern const MethodPolicy kRecordKpiMeasurement;
extern const MethodPolicy kListKpiBreaches;
extern const MethodPolicy kListKpiMeasurements;

}  // namespace ozjt::contracts::roles
