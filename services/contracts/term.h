// The calendar rules of a contract's term (docs/domain.md section 4): the last day to give
// notice and the end of a term after an extension. Days themselves live in
// services/platform/calendar.h, amounts and hundredths in services/platform/decimal.h.
//
//   NoticeDeadline(Day(2024, 12, 31), 3) == Day(2024, 9, 30)
//   ExtendedEnd(Day(2025, 6, 30), 6) == Day(2025, 12, 31)
#pragma once

#include "services/platform/calendar.h"
#include "services/platform/decimal.h"

namespace ozjt::contracts {

// The contracts domain speaks of days and amounts in the platform's terms.
using platform::AddMonths;
using platform::Day;
using platform::DivideRoundHalfUp;
using platform::DutchDay;
using platform::DutchPercent;
using platform::FormatDay;
using platform::FormatEuro;
using platform::FormatHundredths;
using platform::MakeDay;
using platform::ParseHundredths;

// The most months of notice a contract or option may ask for.
inline constexpr int kMaxNoticeMonths = 24;

// The last day to give notice for a term ending at the end of `end`: (end + 1 day) minus
// `notice_months` calendar months, minus 1 day (docs/domain.md section 4).
Day NoticeDeadline(Day end, int notice_months);

// The new last day after extending a term ending on `end` by `months` calendar months: a term
// ending on the last day of a month ends on the last day of the target month (2024-12-31 + 12
// = 2025-12-31, 2025-06-30 + 6 = 2025-12-31); otherwise on the same day (2024-02-28 + 12 =
// 2025-02-28).
Day ExtendedEnd(Day end, int months);
// The end before ExtendedEnd(end, months) made `end`: ShortenedEnd(Day(2025, 12, 31), 6) ==
// Day(2025, 6, 30).
Day ShortenedEnd(Day end, int months);

}  // namespace ozjt::contracts
