/* apl-contacts-page-private.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the contacts page's source files share: apl-contacts-page.c (the
 * list, the detail panel, import and export) and apl-contacts-page-segments.c
 * (saved segments).
 */

#pragma once

#include <adwaita.h>

#include "apl-contact-log-group.h"
#include "apl-contacts-page.h"
#include "apl-outlet-popover.h"

G_BEGIN_DECLS

struct _AplContactsPage
{
  GtkWidget            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *toolbar;
  GtkDropDown         *segment_dropdown;
  GtkMenuButton       *segments_button;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *stale_toggle;
  GtkToggleButton     *dnc_toggle;
  AdwButtonContent    *review_content;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *paned;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  gint64               n_stale;   /* counted by update_count(), not per keystroke */
  GtkRevealer         *review_revealer;
  GtkLabel            *review_label;
  GtkStack            *detail_stack;
  GtkBox              *detail_box;

  AplStore            *store;
  AplContactBook      *book;
  AplContactList      *list;
  GtkSingleSelection  *selection;
  GtkColumnViewColumn *columns[APL_CONTACT_N_SORTS];

  /* The detail panel edits this contact. */
  AplContact          *shown;
  gulong               shown_notify_id;
  GtkWidget           *rows[APL_CONTACT_N_FIELDS];
  gboolean             filling;
  AplContactLogGroup  *log_group;
  GtkWidget           *outlet_button;
  AplOutletPopover    *outlet_popover;

  /* Kept for Undo while its toast shows. */
  AplContact          *deleted;

  /* Stale review: the contacts to go through, and where we are. */
  GArray              *review_ids;
  guint                review_index;

  /* Segments: the dropdown shows "All contacts", then these. */
  GPtrArray           *segments;          /* AplContactSegment */
  GMenu               *add_to_menu;       /* one item a hand-picked segment */
  /* Kept for Undo while its toast shows. */
  AplContactSegment   *deleted_segment;
  GArray              *deleted_members;

  /* A running import. */
  GCancellable        *import_cancellable;
  char                *import_path;
  guint                progress_source;
  int                  progress_permille;   /* written by the worker */
};

void     _apl_contacts_page_show_toast      (AplContactsPage *self,
                                            const char      *title,
                                            const char      *undo_action);
void     _apl_contacts_page_show_error      (AplContactsPage *self,
                                            const char      *message);
void     _apl_contacts_page_apply_filter    (AplContactsPage *self);

/* In apl-contacts-page-segments.c */
void     _apl_contacts_page_segments_class_init (GtkWidgetClass *widget_class);
void     _apl_contacts_page_segments_init   (AplContactsPage *self);
void     _apl_contacts_page_segments_reload (AplContactsPage *self,
                                            gint64           select_id);
void     _apl_contacts_page_segments_update (AplContactsPage *self);
gboolean _apl_contacts_page_segment_filter  (AplContactsPage  *self,
                                            AplContactFilter *filter);
void     _apl_contacts_page_segments_dispose (AplContactsPage *self);

G_END_DECLS
