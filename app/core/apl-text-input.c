/* apl-text-input.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A byte reader over a stream with a fixed buffer, counting lines, for the
 * contact file readers. A UTF-8 byte order mark at the start is skipped.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <string.h>

#include "apl-contact-formats.h"

#define BUFFER_SIZE (64 * 1024)

struct _AplTextInput
{
  GInputStream *stream;
  GCancellable *cancellable;
  guchar       *buffer;
  gsize         start;
  gsize         end;
  guint64       offset;      /* bytes consumed before buffer[start] */
  guint         line;        /* the line of the next byte, from 1 */
  gboolean      eof;
  gboolean      saw_nul;
  GError       *error;
};

static gboolean
fill (AplTextInput *self)
{
  gssize n;

  if (self->eof || self->error != NULL)
    return FALSE;
  if (self->start > 0)
    {
      memmove (self->buffer, self->buffer + self->start, self->end - self->start);
      self->end -= self->start;
      self->start = 0;
    }
  n = g_input_stream_read (self->stream, self->buffer + self->end, BUFFER_SIZE - self->end,
                           self->cancellable, &self->error);
  if (n <= 0)
    {
      self->eof = TRUE;
      return FALSE;
    }
  if (memchr (self->buffer + self->end, '\0', n) != NULL)
    self->saw_nul = TRUE;
  self->end += n;
  return TRUE;
}

AplTextInput *
apl_text_input_new (GInputStream *stream,
                    GCancellable *cancellable)
{
  AplTextInput *self = g_new0 (AplTextInput, 1);

  self->stream = g_object_ref (stream);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;

  fill (self);
  if (self->end >= 3 && memcmp (self->buffer, "\xEF\xBB\xBF", 3) == 0)
    {
      self->start = 3;
      self->offset = 3;
    }
  return self;
}

void
apl_text_input_free (AplTextInput *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->buffer);
  g_free (self);
}

/* Returns the next byte, or -1 at the end (or on an error, see
 * apl_text_input_failed()). */
int
apl_text_input_getc (AplTextInput *self)
{
  int c;

  if (self->start == self->end && !fill (self))
    return -1;
  c = self->buffer[self->start++];
  self->offset++;
  if (c == '\n')
    self->line++;
  return c;
}

int
apl_text_input_peekc (AplTextInput *self)
{
  if (self->start == self->end && !fill (self))
    return -1;
  return self->buffer[self->start];
}

/* Reads up to the next LF (dropping it and a CR before it). A line longer
 * than @max is cut there and the rest skipped: @too_long tells. Returns
 * FALSE at the end of the input. */
gboolean
apl_text_input_read_line (AplTextInput *self,
                          GString      *line,
                          gsize         max,
                          gboolean     *too_long)
{
  gboolean any = FALSE;

  g_string_truncate (line, 0);
  *too_long = FALSE;

  for (;;)
    {
      guchar *p, *nl;
      gsize len;

      if (self->start == self->end && !fill (self))
        break;
      any = TRUE;
      p = self->buffer + self->start;
      nl = memchr (p, '\n', self->end - self->start);
      len = nl ? (gsize) (nl - p) : self->end - self->start;

      if (line->len + len <= max)
        g_string_append_len (line, (const char *) p, len);
      else
        {
          if (line->len < max)
            g_string_append_len (line, (const char *) p, max - line->len);
          *too_long = TRUE;
        }

      self->start += len;
      self->offset += len;
      if (nl != NULL)
        {
          self->start++;
          self->offset++;
          self->line++;
          break;
        }
    }

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return any;
}

/* The line the next byte is on. */
guint
apl_text_input_get_line (AplTextInput *self)
{
  return self->line;
}

guint64
apl_text_input_get_offset (AplTextInput *self)
{
  return self->offset;
}

gboolean
apl_text_input_saw_nul (AplTextInput *self)
{
  return self->saw_nul;
}

/* What is buffered ahead, for sniffing the format or the separator. */
const char *
apl_text_input_peek (AplTextInput *self,
                     gsize        *len)
{
  if (self->start == self->end)
    fill (self);
  *len = self->end - self->start;
  return (const char *) self->buffer + self->start;
}

gboolean
apl_text_input_failed (AplTextInput  *self,
                       GError       **error)
{
  if (self->error == NULL)
    return FALSE;
  if (error != NULL)
    *error = g_error_copy (self->error);
  return TRUE;
}
