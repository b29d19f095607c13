#include "app/pngwriter.h"

#include "app/flatdeflate.h"

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

bool PngWriter::begin(int width, int height, Channels channels, int dotsPerMeter)
{
    if (width <= 0 || height <= 0) {
        fail(QStringLiteral("An image needs at least one pixel on each side."));
        return false;
    }
    m_height = height;
    m_rowsWritten = 0;
    m_adler = 1;
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
    png_write_info(state->png, state->info);
    return true;
}

PngWriter::Band PngWriter::compress(const QImage &image, int rows, bool last)
{
    Band band;
    const bool rgb32 = image.format() == QImage::Format_RGB32;
    const auto width = static_cast<size_t>(image.width());
    band.length = qint64(rows) * qint64(1 + width * (rgb32 ? 3 : 4));
    band.rows = rows;

    // No filter on any row: choosing one per row is what makes general PNG writers slow, and
    // matching the previous pixel needs none.
    static constexpr uchar NoFilter = 0;
    FlatDeflater deflater(rgb32 ? 3 : 4);
    for (int row = 0; row < rows; ++row) {
        const uchar *line = image.constScanLine(row);
        if (rgb32)
            deflater.addRgb32Row(NoFilter, reinterpret_cast<const quint32 *>(line), width);
        else
            deflater.addRow(NoFilter, line, width * 4);
    }
    band.adler = deflater.adler32();
    band.deflated = deflater.finish(last);
    return band;
}

bool PngWriter::writeChunk(const char *type, std::string_view data)
{
    LibPng *state = m_png.get();
    const auto *bytes = reinterpret_cast<png_const_bytep>(data.data());
    const auto size = data.size();
    if (setjmp(png_jmpbuf(state->png))) {
        fail(state->errorString());
        return false;
    }
    png_write_chunk(state->png, reinterpret_cast<png_const_bytep>(type), bytes, size);
    return true;
}

bool PngWriter::write(const Band &band)
{
    if (!m_png || !m_error.isEmpty())
        return false;
    if (band.rows <= 0 || m_rowsWritten + band.rows > m_height) {
        fail(QStringLiteral("Internal error: a band does not fit the PNG being written."));
        return false;
    }
    if (m_rowsWritten == 0) {
        // The zlib header: deflate with a 32 KB window, no dictionary, fastest level.
        if (!writeChunk("IDAT", std::string_view("\x78\x01", 2)))
            return false;
    }
    if (!writeChunk("IDAT", band.deflated))
        return false;
    m_adler = static_cast<quint32>(adler32_combine(m_adler, band.adler, z_off_t(band.length)));
    m_rowsWritten += band.rows;
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
    const char checksum[4] = {char(m_adler >> 24), char(m_adler >> 16), char(m_adler >> 8),
                              char(m_adler)};
    if (!writeChunk("IDAT", std::string_view(checksum, 4)) || !writeChunk("IEND", {}))
        return false;
    m_png.reset();
    return true;
}

} // namespace rolescope
