#include "ui/settings/datasection.h"

#include "ledger/ledger.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace burnrate::ui {

DataSection::DataSection(QString dataDir, QWidget *parent)
    : SettingsSection(parent)
    , m_dataDir(std::move(dataDir))
    , m_path(new QLabel(this))
    , m_size(new QLabel(this))
{
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setWordWrap(true);
    auto *open = new QPushButton(tr("Open in File Manager"), this);
    connect(open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(m_dataDir).absolutePath())); });
    auto *note = new QLabel(tr("The folder holds the ledger, settings.ini and your own prices (prices.user.json). "
                               "Keys are never stored there. Start Burnrate with --data-dir or BURNRATE_DATA_DIR to "
                               "use another folder."),
                            this);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Data folder"), m_path);
    form->addRow(tr("Ledger size"), m_size);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(open, 0, Qt::AlignLeft);
    layout->addWidget(note);
    layout->addStretch(1);
}

QString DataSection::title() const
{
    return tr("Data location");
}

qint64 DataSection::ledgerBytes() const
{
    const QString file = QDir(m_dataDir).filePath(Ledger::fileName());
    return QFileInfo(file).size() + QFileInfo(file + QStringLiteral("-wal")).size();
}

QString DataSection::sizeText() const
{
    return m_size->text();
}

QString DataSection::folderText() const
{
    return m_path->text();
}

void DataSection::load()
{
    m_path->setText(QDir::toNativeSeparators(QDir(m_dataDir).absolutePath()));
    m_size->setText(QLocale().formattedDataSize(ledgerBytes()));
}

QString DataSection::apply(bool &changed)
{
    changed = false;
    return QString();
}

} // namespace burnrate::ui
