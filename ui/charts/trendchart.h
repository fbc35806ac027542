#ifndef BURNRATE_UI_CHARTS_TRENDCHART_H
#define BURNRATE_UI_CHARTS_TRENDCHART_H

#include "ui/overviewdata.h"

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QChart;
class QChartView;
class QLabel;

namespace burnrate::ui {

// Spend per provider over time, stacked, with Day / Week / Month range buttons. Amounts arrive in nano-USD;
// doubles are used for drawing only. The money axis is labelled in the user's currency format.
class TrendChart final : public QWidget
{
    Q_OBJECT

public:
    explicit TrendChart(QWidget *parent = nullptr);

    void setTrend(const Trend &trend);
    const Trend &trend() const { return m_trend; }
    ReportBy range() const { return m_range; }
    QChart *chart() const { return m_chart; }
    QAbstractButton *rangeButton(ReportBy range) const;

public Q_SLOTS:
    void setRange(ReportBy range);

Q_SIGNALS:
    // The user picked another range: the page loads that trend and calls setTrend().
    void rangeChanged(burnrate::ReportBy range);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyPalette();
    QString bucketLabel(const QString &key) const;

    Trend m_trend;
    ReportBy m_range = ReportBy::Day;
    QButtonGroup *m_buttons;
    QChart *m_chart;
    QChartView *m_view;
    QLabel *m_provenance;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_CHARTS_TRENDCHART_H
