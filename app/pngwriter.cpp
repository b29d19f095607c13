#include "app/pngwriter.h"

#include <QFileDevice>
#include <QIODevice>
#include <QImage>

#include <png.h>
#include <zlib.h>

#include <cerrno>
#include <csetjmp>
#include <cstring>

namespace rolescope {

// libpng reports errors by longjmp() back to the setjmp() of the call that failed. Every
// function below that calls libpng sets its own jump point and keeps no object with a
// destructor alive across the libpng calls, so the jump skips nothing that needs cleaning up.
struct PngWriter::LibPng
{
    png_structp png = nullptr;
    png_infop info = nullptr;
    QIODevice *device = nullptr;
    QString deviceError;
    char message[256] = {};

    ~LibPng()
    {
        if (png)
            png_destroy_write_struct(&png, &info);
    }

    QString errorString() const
    {
        return deviceError.isEmpty() ? QString::fromLocal8Bit(message) : deviceError;
    }
};

PngWriter::PngWriter(QIODevice *device)
    : m_device(device)
{
}

PngWriter::~PngWriter() = default;

void PngWriter::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool PngWriter::begin(int width, int height, Channels channels, int dotsPerMeter,
                      int compressionLevel)
{
    if (width <= 0 || height <= 0) {
        fail(QStringLiteral("An image needs at least one pixel on each side."));
        return false;
    }
    m_width = width;
    m_height = height;
    m_channels = channels;
    m_rowsWritten = 0;
    m_png = std::make_unique<LibPng>();
    LibPng *state = m_png.get();
    state->device = m_device;
    const auto onError = [](png_structp png, png_const_charp message) {
        auto *state = static_cast<LibPng *>(png_get_error_ptr(png));
        if (state->message[0] == '\0')
            std::strncpy(state->message, message, sizeof state->message - 1);
        png_longjmp(png, 1);
    };
    // Warnings are about ancillary data we do not write; the image itself is fine.
    const auto onWarning = [](png_structp, png_const_charp) {};
    const auto writeToDevice = [](png_structp png, png_bytep data, size_t length) {
        auto *state = static_cast<LibPng *>(png_get_io_ptr(png));
        if (state->device->write(reinterpret_cast<const char *>(data),
                                 static_cast<qint64>(length))
            != static_cast<qint64>(length)) {
            // What the system said (disk full, ...) says more than libpng's message. A short
            // write leaves the device without an error of its own, but errno has the reason.
            const int code = errno;
            const auto *file = qobject_cast<QFileDevice *>(state->device);
            state->deviceError = file && file->error() != QFileDevice::NoError
                                     ? file->errorString()
                                     : qt_error_string(code);
            png_error(png, "write error");
        }
    };
    state->png = png_create_write_struct(PNG_LIBPNG_VER_STRING, state, onError, onWarning);
    if (!state->png) {
        fail(QStringLiteral("Could not start the PNG encoder."));
        return false;
    }
    state->info = png_create_info_struct(state->png);
    if (!state->info) {
        fail(QStringLiteral("Could not start the PNG encoder."));
        return false;
    }
    if (setjmp(png_jmpbuf(state->png))) {
        fail(state->errorString());
        return false;
    }
    png_set_write_fn(state->png, state, writeToDevice, nullptr);
    png_set_user_limits(state->png, 0x7fffffff, 0x7fffffff);
    png_set_IHDR(state->png, state->info, static_cast<png_uint_32>(width),
                 static_cast<png_uint_32>(height), 8,
                 channels == Channels::Rgba ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (dotsPerMeter > 0) {
        png_set_pHYs(state->png, state->info, static_cast<png_uint_32>(dotsPerMeter),
                     static_cast<png_uint_32>(dotsPerMeter), PNG_RESOLUTION_METER);
    }
    // Choosing a filter per row is what makes general PNG writers slow. Charts are mostly
    // white: run-length matching finds those runs without the hashing of ordinary deflate,
    // several times faster at level 1 for a file a little larger.
    png_set_filter(state->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(state->png, compressionLevel);
    png_set_compression_strategy(state->png, Z_RLE);
    png_set_compression_buffer_size(state->png, 256 * 1024);
    png_write_info(state->png, state->info);
    return true;
}

bool PngWriter::writeRows(const QImage &band, int rows)
{
    if (!m_png || !m_error.isEmpty())
        return false;
    const QImage::Format expected = m_channels == Channels::Rgb ? QImage::Format_RGB888
                                                                : QImage::Format_RGBA8888;
    if (band.format() != expected || band.width() != m_width || rows > band.height()
        || m_rowsWritten + rows > m_height) {
        fail(QStringLiteral("Internal error: a band does not fit the PNG being written."));
        return false;
    }
    LibPng *state = m_png.get();
    const uchar *bits = band.constBits();
    const qsizetype stride = band.bytesPerLine();
    if (setjmp(png_jmpbuf(state->png))) {
        fail(state->errorString());
        return false;
    }
    for (int row = 0; row < rows; ++row)
        png_write_row(state->png, bits + row * stride);
    m_rowsWritten += rows;
    return true;
}

bool PngWriter::finish()
{
    if (!m_png || !m_error.isEmpty())
        return false;
    if (m_rowsWritten != m_height) {
        fail(QStringLiteral("Internal error: the PNG is missing rows."));
        return false;
    }
    LibPng *state = m_png.get();
    if (setjmp(png_jmpbuf(state->png))) {
        fail(state->errorString());
        return false;
    }
    png_write_end(state->png, nullptr);
    m_png.reset();
    return true;
}

} // namespace rolescope
