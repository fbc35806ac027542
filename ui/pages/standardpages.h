#ifndef BURNRATE_UI_PAGES_STANDARDPAGES_H
#define BURNRATE_UI_PAGES_STANDARDPAGES_H

namespace burnrate {
class Clock;
class Ledger;
} // namespace burnrate

namespace burnrate::ui {

class MainWindow;

// Adds the pages after the Overview, in the navigation order of docs/architecture.md §7: Conversations, Workflows,
// Reconciliation. Each reads `ledger` when it is shown.
void addStandardPages(MainWindow &window, Ledger &ledger, const Clock &clock);

} // namespace burnrate::ui

#endif // BURNRATE_UI_PAGES_STANDARDPAGES_H
