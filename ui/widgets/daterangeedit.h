#ifndef BURNRATE_UI_WIDGETS_DATERANGEEDIT_H
#define BURNRATE_UI_WIDGETS_DATERANGEEDIT_H

#include <QDate>
#include <QWidget>

class QDateEdit;

namespace burnrate::ui {

// "From [date] to [date]": a range of local dates, both inclusive. The end never precedes the start.
class DateRangeEdit final : public QWidget
{
    Q_OBJECT

public:
    explicit DateRangeEdit(QWidget *parent = nullptr);

    QDate from() const;
    QDate until() const;
    void setRange(QDate from, QDate until);

Q_SIGNALS:
    void rangeChanged();

private:
    QDateEdit *m_from;
    QDateEdit *m_until;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_DATERANGEEDIT_H
