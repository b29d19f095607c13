#include "app/searchbar.h"

#include "app/document.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace rolescope {

namespace {

// A search of 100,000 roles takes some 30-60 ms of the UI thread; a burst of keystrokes runs
// it once. Smaller models are searched at every keystroke.
constexpr int PauseRoleCount = 20000;
constexpr int PauseMs = 150;

} // namespace

SearchBar::SearchBar(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
{
    m_edit->setPlaceholderText(tr("Find role, person, duty…"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(220);
    m_edit->installEventFilter(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_previous->setAutoRaise(true);
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter)"));
    m_next->setAutoRaise(true);
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(QStringLiteral("888 of 888")));

    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_status);

    m_pause.setSingleShot(true);
    m_pause.setInterval(PauseMs);
    connect(&m_pause, &QTimer::timeout, this, &SearchBar::searchNow);
    connect(m_edit, &QLineEdit::textChanged, this, &SearchBar::onTextChanged);
    connect(m_previous, &QToolButton::clicked, this, [this] {
        searchNow();
        m_document->previousMatch();
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        searchNow();
        m_document->nextMatch();
    });
    connect(document, &Document::searchChanged, this, &SearchBar::updateStatus);
    connect(document, &Document::modelReset, this, &SearchBar::updateStatus);
    updateStatus();
}

QString SearchBar::statusText() const
{
    return m_status->text();
}

void SearchBar::activate()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    // Esc clears a search being typed before the window's own use of it (Stop Loading): the
    // field claims the key ahead of shortcuts while it has text.
    if (watched == m_edit && event->type() == QEvent::ShortcutOverride) {
        const auto key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !m_edit->text().isEmpty()) {
            event->accept();
            return true;
        }
    }
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            searchNow();
            if (key->modifiers() & Qt::ShiftModifier)
                m_document->previousMatch();
            else
                m_document->nextMatch();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_edit->text().isEmpty()) {
            m_edit->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchBar::onTextChanged(const QString &text)
{
    if (m_document->hasModel() && m_document->model().roleCount() >= PauseRoleCount)
        m_pause.start();
    else
        m_document->setSearchText(text);
}

void SearchBar::searchNow()
{
    m_pause.stop();
    m_document->setSearchText(m_edit->text());
}

void SearchBar::updateStatus()
{
    // Text typed since the last search is still to be searched, not replaced.
    if (!m_pause.isActive() && m_edit->text() != m_document->searchText())
        m_edit->setText(m_document->searchText());
    const auto count = static_cast<int>(m_document->searchMatches().size());
    const bool searching = !m_document->searchText().trimmed().isEmpty();
    m_previous->setEnabled(count > 0);
    m_next->setEnabled(count > 0);
    if (!searching)
        m_status->clear();
    else if (count == 0)
        m_status->setText(tr("No match"));
    else if (m_document->currentMatch() < 0)
        m_status->setText(count == 1 ? tr("1 match") : tr("%1 matches").arg(count));
    else
        m_status->setText(tr("%1 of %2").arg(m_document->currentMatch() + 1).arg(count));
}

} // namespace rolescope
