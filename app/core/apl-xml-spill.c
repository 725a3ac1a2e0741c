/* apl-xml-spill.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps the items of a large plan-file section out of the heap, so that
 * importing a plan with 100 000 contacts takes tens of MiB instead of
 * hundreds. Each item (an element and everything in it) is written in a
 * compact form: the first MiB in memory, the rest to a temporary file
 * that is removed as soon as it is created (so nothing is left behind
 * after a crash) and that only this process can read (0600: contacts are
 * personal data).
 *
 * An item is its length and its number of nodes (4 bytes each), then its
 * nodes, depth first: the name (an index in the spill's list of names),
 * the line, the text when there is one, the attributes, and the number of
 * children. A string is a 4-byte length, its bytes and a NUL, so that
 * reading an item back points into its bytes instead of copying them:
 * an import reads every item three times.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "apl-plan-xml.h"
#include "apl-xml-spill.h"

/* Kept in memory up to this, then written to the temporary file. */
#define MEMORY_MAX (1024 * 1024)

/* Reads and writes of the file go by this much. */
#define CHUNK (1024 * 1024)

/* No item of a valid plan file comes near: the reader's limits on text
 * (APL_PLAN_XML_MAX_TEXT_SIZE) and on element count stop long before. */
#define ITEM_MAX ((guint32) 512 * 1024 * 1024)

struct _AplXmlSpill
{
  GPtrArray  *names;     /* interned element names, by index */
  GHashTable *name_index;
  GByteArray *pending;   /* not yet in the file (all of it without one) */
  int         fd;        /* -1 while everything fits in memory */
  guint64     file_size;
  guint       n_items;
  guint       n_nodes;
  gboolean    closed;
};

AplXmlSpill *
_apl_xml_spill_new (void)
{
  AplXmlSpill *self = g_new0 (AplXmlSpill, 1);

  self->pending = g_byte_array_new ();
  self->names = g_ptr_array_new ();
  self->name_index = g_hash_table_new (NULL, NULL);
  self->fd = -1;
  return self;
}

void
_apl_xml_spill_free (AplXmlSpill *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  g_byte_array_unref (self->pending);
  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->name_index);
  g_free (self);
}

guint
_apl_xml_spill_get_n_items (const AplXmlSpill *self)
{
  return self != NULL ? self->n_items : 0;
}

/* Every node of every item, for progress. */
guint
_apl_xml_spill_get_n_nodes (const AplXmlSpill *self)
{
  return self != NULL ? self->n_nodes : 0;
}

static gboolean
set_io_error (int      saved_errno,
              GError **error)
{
  g_set_error (error, APL_XML_ERROR, APL_XML_ERROR_IO,
               _("Aplomb could not keep the file’s contacts in a temporary file: %s"),
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_pending (AplXmlSpill  *self,
               GError      **error)
{
  const guint8 *p = self->pending->data;
  gsize left = self->pending->len;

  while (left > 0)
    {
      ssize_t n = pwrite (self->fd, p, left, (off_t) self->file_size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return set_io_error (n < 0 ? errno : ENOSPC, error);
      p += n;
      left -= (gsize) n;
      self->file_size += (guint64) n;
    }
  g_byte_array_set_size (self->pending, 0);
  return TRUE;
}

static gboolean
open_file (AplXmlSpill  *self,
           GError      **error)
{
  g_autofree char *path = NULL;
  int fd;

  /* mkstemp: 0600, a name no one else has. Removed at once: the open
   * descriptor keeps it, and the system frees it when we close it or
   * when the process ends, however it ends. */
  fd = g_file_open_tmp ("aplomb-import-XXXXXX", &path, NULL);
  if (fd < 0)
    return set_io_error (errno != 0 ? errno : EIO, error);
  g_unlink (path);
  self->fd = fd;
  return TRUE;
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

static void
put_string (GByteArray *out,
            const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  put_u32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) (text != NULL ? text : ""), (guint) len + 1);
}

/* Node names are interned (apl-plan-record.c): the pointer is the name. */
static guint32
name_index (AplXmlSpill *self,
            const char  *name)
{
  gpointer index;

  if (g_hash_table_lookup_extended (self->name_index, name, NULL, &index))
    return GPOINTER_TO_UINT (index);
  g_hash_table_insert (self->name_index, (gpointer) name, GUINT_TO_POINTER (self->names->len));
  g_ptr_array_add (self->names, (gpointer) name);
  return self->names->len - 1;
}

static void
put_node (AplXmlSpill      *self,
          GByteArray       *out,
          const AplXmlNode *node)
{
  put_u32 (out, name_index (self, node->name));
  put_u32 (out, (guint32) node->line);
  put_u32 (out, node->text != NULL ? 1 : 0);
  if (node->text != NULL)
    put_string (out, node->text);
  put_u32 (out, APL_XML_NODE_N_ATTRIBUTES (node));
  for (guint i = 0; i < APL_XML_NODE_N_ATTRIBUTES (node); i++)
    put_string (out, g_ptr_array_index (node->attributes, i));
  put_u32 (out, APL_XML_NODE_N_CHILDREN (node));
  for (guint i = 0; i < APL_XML_NODE_N_CHILDREN (node); i++)
    put_node (self, out, g_ptr_array_index (node->children, i));
  self->n_nodes++;
}

/**
 * _apl_xml_spill_add:
 * @item: an element of the section, with everything in it; copied
 *
 * Returns: %FALSE with @error set when the temporary file could not be
 *   written (the disk is full, say)
 */
gboolean
_apl_xml_spill_add (AplXmlSpill       *self,
                    const AplXmlNode  *item,
                    GError           **error)
{
  guint start = self->pending->len;
  guint n_nodes = self->n_nodes;

  g_return_val_if_fail (!self->closed, FALSE);

  put_u32 (self->pending, 0);
  put_u32 (self->pending, 0);
  put_node (self, self->pending, item);
  {
    guint32 len = self->pending->len - start - 8;
    guint32 n = self->n_nodes - n_nodes;
    guint8 bytes[8] = { len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, len >> 24,
                        n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >> 24 };

    memcpy (self->pending->data + start, bytes, 8);
  }
  self->n_items++;

  if (self->fd < 0 && self->pending->len > MEMORY_MAX && !open_file (self, error))
    return FALSE;
  if (self->fd >= 0 && self->pending->len >= CHUNK)
    return write_pending (self, error);
  return TRUE;
}

/**
 * _apl_xml_spill_close:
 *
 * Ends the writing: what is still in memory goes to the file, if there is
 * one. Call it once, before reading.
 */
gboolean
_apl_xml_spill_close (AplXmlSpill  *self,
                      GError      **error)
{
  if (self->closed)
    return TRUE;
  self->closed = TRUE;
  if (self->fd >= 0 && self->pending->len > 0)
    return write_pending (self, error);
  return TRUE;
}

/* Reading */

void
_apl_xml_items_init (AplXmlItems      *self,
                     const AplXmlNode *section,
                     AplXmlSpill      *spill)
{
  memset (self, 0, sizeof *self);
  self->section = section;
  self->spill = spill;
}

static void release_item (AplXmlItems *self);

void
_apl_xml_items_clear (AplXmlItems *self)
{
  release_item (self);
  g_clear_pointer (&self->nodes, g_free);
  self->n_allocated = 0;
  g_clear_pointer (&self->buffer, g_byte_array_unref);
}

/* Makes bytes [offset, offset + len) of the spill readable; returns
 * them, or NULL with @error set. */
static const guint8 *
get_bytes (AplXmlItems  *self,
           guint64       offset,
           gsize         len,
           GError      **error)
{
  AplXmlSpill *spill = self->spill;
  gsize want;

  if (spill->fd < 0)
    {
      if (offset + len > spill->pending->len)
        goto damaged;
      return spill->pending->data + offset;
    }

  if (self->buffer != NULL && offset >= self->buffer_start
      && offset + len <= self->buffer_start + self->buffer->len)
    return self->buffer->data + (offset - self->buffer_start);

  if (offset + len > spill->file_size)
    goto damaged;
  if (self->buffer == NULL)
    self->buffer = g_byte_array_new ();
  want = MAX (len, (gsize) MIN ((guint64) CHUNK, spill->file_size - offset));
  g_byte_array_set_size (self->buffer, (guint) want);
  self->buffer_start = offset;
  for (gsize done = 0; done < want; )
    {
      ssize_t n = pread (spill->fd, self->buffer->data + done, want - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_byte_array_set_size (self->buffer, 0);
          set_io_error (n < 0 ? errno : EIO, error);
          return NULL;
        }
      done += (gsize) n;
    }
  return self->buffer->data;

damaged:
  set_io_error (EIO, error);
  return NULL;
}

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Cursor;

static gboolean
take_u32 (Cursor  *c,
          guint32 *value)
{
  if (c->end - c->p < 4)
    return FALSE;
  *value = (guint32) c->p[0] | ((guint32) c->p[1] << 8) | ((guint32) c->p[2] << 16) | ((guint32) c->p[3] << 24);
  c->p += 4;
  return TRUE;
}

/* A string of the item's bytes, NUL-terminated there: pointed to, not
 * copied. */
static char *
take_string (Cursor *c)
{
  guint32 len;
  char *text;

  if (!take_u32 (c, &len) || (guint64) (c->end - c->p) < (guint64) len + 1 || c->p[len] != '\0')
    return NULL;
  text = (char *) c->p;
  c->p += (gsize) len + 1;
  return text;
}

/* The arrays the last item's nodes hold; the nodes themselves are the
 * walk's, reused for the next item. */
static void
release_item (AplXmlItems *self)
{
  for (guint i = 0; i < self->n_used; i++)
    {
      g_clear_pointer (&self->nodes[i].attributes, g_ptr_array_unref);
      g_clear_pointer (&self->nodes[i].children, g_ptr_array_unref);
    }
  self->n_used = 0;
  self->item = NULL;
}

static AplXmlNode *
take_node (AplXmlItems *self,
           Cursor      *c,
           guint        depth)
{
  AplXmlNode *node;
  guint32 name, line, has_text, n;

  if (self->n_used >= self->n_nodes || depth > 64 || !take_u32 (c, &name) || name >= self->spill->names->len
      || !take_u32 (c, &line) || !take_u32 (c, &has_text))
    return NULL;
  node = &self->nodes[self->n_used++];
  memset (node, 0, sizeof *node);
  node->name = g_ptr_array_index (self->spill->names, name);
  node->line = (int) line;
  if (has_text && (node->text = take_string (c)) == NULL)
    return NULL;

  if (!take_u32 (c, &n) || n > (guint32) (c->end - c->p))
    return NULL;
  if (n > 0)
    {
      node->attributes = g_ptr_array_sized_new (n);
      for (guint32 i = 0; i < n; i++)
        {
          char *text = take_string (c);

          if (text == NULL)
            return NULL;
          g_ptr_array_add (node->attributes, text);
        }
    }

  if (!take_u32 (c, &n) || n > self->n_nodes - self->n_used)
    return NULL;
  if (n > 0)
    {
      node->children = g_ptr_array_sized_new (n);
      for (guint32 i = 0; i < n; i++)
        {
          AplXmlNode *child = take_node (self, c, depth + 1);

          if (child == NULL)
            return NULL;
          g_ptr_array_add (node->children, child);
        }
    }
  return node;
}

/**
 * _apl_xml_items_next:
 * @item: (out) (transfer none): the next item, valid until the next call;
 *   to read only
 *
 * Returns: %TRUE with @item set; %FALSE at the end, or with @error set
 *   when the temporary file could not be read back
 */
gboolean
_apl_xml_items_next (AplXmlItems       *self,
                     const AplXmlNode **item,
                     GError           **error)
{
  const guint8 *bytes;
  guint32 len, n_nodes;
  Cursor c;

  *item = NULL;
  release_item (self);

  if (self->spill == NULL || _apl_xml_spill_get_n_items (self->spill) == 0)
    {
      if (self->section == NULL || self->index >= APL_XML_NODE_N_CHILDREN (self->section))
        return FALSE;
      *item = g_ptr_array_index (self->section->children, self->index++);
      return TRUE;
    }

  if (self->index >= self->spill->n_items)
    return FALSE;
  if ((bytes = get_bytes (self, self->offset, 8, error)) == NULL)
    return FALSE;
  c.p = bytes;
  c.end = bytes + 8;
  take_u32 (&c, &len);
  take_u32 (&c, &n_nodes);
  if (len > ITEM_MAX || n_nodes == 0 || n_nodes > len)
    return set_io_error (EIO, error);
  if ((bytes = get_bytes (self, self->offset + 8, len, error)) == NULL)
    return FALSE;

  if (n_nodes > self->n_allocated)
    {
      g_free (self->nodes);
      self->nodes = g_new (AplXmlNode, n_nodes);
      self->n_allocated = n_nodes;
    }
  self->n_nodes = n_nodes;
  c.p = bytes;
  c.end = bytes + len;
  self->item = take_node (self, &c, 0);
  if (self->item == NULL || c.p != c.end || self->n_used != n_nodes)
    {
      release_item (self);
      return set_io_error (EIO, error);
    }
  self->offset += 8 + (guint64) len;
  self->index++;
  *item = self->item;
  return TRUE;
}
