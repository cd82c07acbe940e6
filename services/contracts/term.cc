#include "services/contracts/term.h"

namespace ozjt::contracts {

Day NoticeDeadline(Day end, int notice_months) { return AddMonths(end + 1, -notice_months) - 1; }

Day ExtendedEnd(Day end, int months) {
  // A term ending on a month's last day keeps ending on a month's last day; otherwise on the
  // same day of the month (clamped).
  const bool month_end = (end + 1).day() == 1;
  return month_end ? AddMonths(end + 1, months) - 1 : AddMonths(end, months);
}

Day ShortenedEnd(Day end, int months) { return ExtendedEnd(end, -months); }

}  // namespace ozjt::contracts
