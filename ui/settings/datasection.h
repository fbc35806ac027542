#ifndef BURNRATE_UI_SETTINGS_DATASECTION_H
#define BURNRATE_UI_SETTINGS_DATASECTION_H

#include "ui/settings/settingssection.h"

class QLabel;

namespace burnrate::ui {

// Data location: the data folder (ledger, settings, the user's prices), a button to open it in the file manager,
// and the ledger's size on disk.
class DataSection final : public SettingsSection
{
    Q_OBJECT

public:
    explicit DataSection(QString dataDir, QWidget *parent = nullptr);

    QString title() const override;
    void load() override;
    QString apply(bool &changed) override;

    // The ledger's file with its write-ahead log, in bytes.
    qint64 ledgerBytes() const;
    QString sizeText() const;
    QString folderText() const;

private:
    QString m_dataDir;
    QLabel *m_path = nullptr;
    QLabel *m_size = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_SETTINGS_DATASECTION_H
