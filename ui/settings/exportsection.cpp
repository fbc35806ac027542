#include "ui/settings/exportsection.h"

#include "ledger/ledger.h"
#include "ledger/reportquery.h"
#include "report/reportformat.h"
#include "util/clock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace burnrate::ui {

ExportSection::ExportSection(Ledger &ledger, const Clock &clock, QWidget *parent)
    : SettingsSection(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_format(new QComboBox(this))
    , m_by(new QComboBox(this))
    , m_allTime(new QCheckBox(tr("All time"), this))
    , m_since(new QDateEdit(this))
    , m_until(new QDateEdit(this))
    , m_status(new QLabel(this))
{
    m_format->addItem(tr("CSV"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON"), QStringLiteral("json"));
    for (const ReportBy by : {ReportBy::Day, ReportBy::Week, ReportBy::Month, ReportBy::Provider, ReportBy::Model,
                              ReportBy::Conversation, ReportBy::Workflow, ReportBy::Project, ReportBy::Source}) {
        m_by->addItem(reportByName(by), reportByName(by));
    }
    for (QDateEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_allTime->setChecked(true);
    const auto allTime = [this] {
        m_since->setEnabled(!m_allTime->isChecked());
        m_until->setEnabled(!m_allTime->isChecked());
    };
    connect(m_allTime, &QCheckBox::toggled, this, allTime);
    allTime();
    auto *range = new QHBoxLayout;
    range->addWidget(m_allTime);
    range->addWidget(m_since);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_until);
    range->addStretch(1);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &ExportSection::chooseFileAndExport);
    auto *intro = new QLabel(tr("Writes a report of the ledger as `burnrate report` does: money as exact decimal "
                                "dollars and as integer nano-dollars; days in your time zone."),
                             this);
    intro->setWordWrap(true);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Rows by"), m_by);
    form->addRow(tr("Dates"), range);
    form->addRow(tr("Format"), m_format);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(exportButton, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addStretch(1);
}

QString ExportSection::title() const
{
    return tr("Export");
}

void ExportSection::load()
{
    const QDate today = m_ledger.calendar().dateOf(m_clock.nowMs());
    m_since->setDate(today.addDays(-29));
    m_until->setDate(today);
}

QString ExportSection::apply(bool &changed)
{
    changed = false;
    return QString();
}

QString ExportSection::statusText() const
{
    return m_status->text();
}

void ExportSection::chooseFileAndExport()
{
    const bool json = m_format->currentData().toString() == QLatin1String("json");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"),
        QStringLiteral("burnrate-report.%1").arg(json ? QStringLiteral("json") : QStringLiteral("csv")),
        json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"));
    if (!path.isEmpty()) {
        exportTo(path);
    }
}

QString ExportSection::exportTo(const QString &path)
{
    ReportRequest request;
    request.by = *reportByFromName(m_by->currentData().toString());
    if (!m_allTime->isChecked()) {
        request.since = std::min(m_since->date(), m_until->date());
        request.until = std::max(m_since->date(), m_until->date());
    }
    auto report = ReportQuery(m_ledger, m_clock).run(request);
    QString error;
    if (!report) {
        error = report.error();
    } else {
        const QByteArray bytes = m_format->currentData().toString() == QLatin1String("json")
                                     ? reportAsJson(*report)
                                     : reportAsCsv(*report).toUtf8();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            error = file.errorString();
        }
    }
    m_status->setText(error.isEmpty() ? tr("Wrote %1.").arg(QDir::toNativeSeparators(path))
                                      : tr("Could not export: %1").arg(error));
    return error;
}

} // namespace burnrate::ui
