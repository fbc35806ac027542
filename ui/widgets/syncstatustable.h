#ifndef BURNRATE_UI_WIDGETS_SYNCSTATUSTABLE_H
#define BURNRATE_UI_WIDGETS_SYNCSTATUSTABLE_H

#include "ui/overviewdata.h"

#include <QTableWidget>
#include <QTimeZone>

namespace burnrate::ui {

// Sync status per provider: the last successful sync (local time) and the last error in words.
class SyncStatusTable final : public QTableWidget
{
    Q_OBJECT

public:
    explicit SyncStatusTable(QWidget *parent = nullptr);

    void setSync(const QList<ProviderSync> &sync, const QTimeZone &zone);
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_SYNCSTATUSTABLE_H
