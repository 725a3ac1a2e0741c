/* apl-message-row.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the message list: title, language, channel, phase, and the
 * approval status, so that a comms officer sees at a glance what is ready
 * to go out and what is not. The row reads the status itself, again
 * whenever the message or its plan's approvals change: an edit to approved
 * text shows “Approved text changed” at once.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <glib/gi18n.h>

#include "apl-message-row.h"

struct _AplMessageRow
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *status_label;

  AplMessage       *message;
  AplApprovals     *approvals;
  AplMessageStatus  status;
};

G_DEFINE_FINAL_TYPE (AplMessageRow, apl_message_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const status_styles[] = { "dim-label", "warning", "success", "error" };

/* Status */

/**
 * apl_message_status_from_state:
 *
 * Approved text that was edited since is not approved, whatever its stored
 * status says until it is submitted again; pre-approval counts only while
 * the approval covers the text.
 */
AplMessageStatus
apl_message_status_from_state (const AplApprovalState *state)
{
  if (state == NULL)
    return APL_MESSAGE_STATUS_DRAFT;

  if (state->approved_hash != NULL && !state->covered
      && (state->status == APL_APPROVAL_APPROVED || state->status == APL_APPROVAL_DRAFT))
    return APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED;

  switch (state->status)
    {
    case APL_APPROVAL_IN_REVIEW:
      return APL_MESSAGE_STATUS_IN_REVIEW;
    case APL_APPROVAL_CHANGES_REQUESTED:
      return APL_MESSAGE_STATUS_CHANGES_REQUESTED;
    case APL_APPROVAL_APPROVED:
      return state->pre_approved ? APL_MESSAGE_STATUS_PRE_APPROVED : APL_MESSAGE_STATUS_APPROVED;
    case APL_APPROVAL_REJECTED:
      return APL_MESSAGE_STATUS_REJECTED;
    case APL_APPROVAL_RETIRED:
      return APL_MESSAGE_STATUS_RETIRED;
    case APL_APPROVAL_DRAFT:
    case APL_N_APPROVAL_STATUSES:
    default:
      return APL_MESSAGE_STATUS_DRAFT;
    }
}

const char *
apl_message_status_get_name (AplMessageStatus status)
{
  switch (status)
    {
    case APL_MESSAGE_STATUS_DRAFT:
      return C_("message status", "Draft");
    case APL_MESSAGE_STATUS_IN_REVIEW:
      return C_("message status", "In review");
    case APL_MESSAGE_STATUS_APPROVED:
      return C_("message status", "Approved");
    case APL_MESSAGE_STATUS_CHANGES_REQUESTED:
      return C_("message status", "Changes requested");
    case APL_MESSAGE_STATUS_REJECTED:
      return C_("message status", "Rejected");
    case APL_MESSAGE_STATUS_RETIRED:
      return C_("message status", "Retired");
    case APL_MESSAGE_STATUS_PRE_APPROVED:
      return C_("message status", "Pre-approved");
    case APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED:
      return C_("message status", "Approved text changed");
    case APL_MESSAGE_N_STATUSES:
    default:
      return "";
    }
}

/**
 * apl_message_status_get_style:
 *
 * Returns: the libadwaita style class the status is shown in
 */
const char *
apl_message_status_get_style (AplMessageStatus status)
{
  switch (status)
    {
    case APL_MESSAGE_STATUS_APPROVED:
    case APL_MESSAGE_STATUS_PRE_APPROVED:
      return "success";
    case APL_MESSAGE_STATUS_IN_REVIEW:
    case APL_MESSAGE_STATUS_CHANGES_REQUESTED:
    case APL_MESSAGE_STATUS_APPROVED_TEXT_CHANGED:
      return "warning";
    case APL_MESSAGE_STATUS_REJECTED:
      return "error";
    case APL_MESSAGE_STATUS_DRAFT:
    case APL_MESSAGE_STATUS_RETIRED:
    case APL_MESSAGE_N_STATUSES:
    default:
      return "dim-label";
    }
}

/* Helpers */

static void
refresh (AplMessageRow *self)
{
  AplStore *store = self->message ? apl_message_get_store (self->message) : NULL;
  g_autoptr(AplApprovalState) state = NULL;
  GtkWidget *label = GTK_WIDGET (self->status_label);
  const char *name;

  if (store != NULL)
    state = apl_store_get_approval_state (store, self->message, NULL);
  self->status = apl_message_status_from_state (state);
  name = apl_message_status_get_name (self->status);

  for (guint i = 0; i < G_N_ELEMENTS (status_styles); i++)
    gtk_widget_remove_css_class (label, status_styles[i]);
  gtk_widget_add_css_class (label, apl_message_status_get_style (self->status));
  gtk_label_set_label (self->status_label, name);
  gtk_widget_set_visible (label, self->message != NULL);
  /* Screen readers read the status with the title, not as a loose word. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Approval status"), -1);
}

/* Callbacks */

static void
message_notify_cb (AplMessageRow *self,
                   GParamSpec    *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Only what the approval hash covers can change the status. */
  if (g_str_equal (name, "body") || g_str_equal (name, "subject")
      || g_str_equal (name, "channel") || g_str_equal (name, "language"))
    refresh (self);
}

static void
approvals_changed_cb (AplMessageRow *self,
                      gint64         plan_id)
{
  if (self->message != NULL && apl_message_get_plan_id (self->message) == plan_id)
    refresh (self);
}

/* GObject */

static void
apl_message_row_dispose (GObject *object)
{
  AplMessageRow *self = APL_MESSAGE_ROW (object);
  GtkWidget *child;

  apl_message_row_set_message (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), APL_TYPE_MESSAGE_ROW);
  /* The template's outer box has no name for dispose_template to find. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (apl_message_row_parent_class)->dispose (object);
}

static void
apl_message_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AplMessageRow *self = APL_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_message_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AplMessageRow *self = APL_MESSAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      apl_message_row_set_message (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
apl_message_row_class_init (AplMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = apl_message_row_dispose;
  object_class->get_property = apl_message_row_get_property;
  object_class->set_property = apl_message_row_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, APL_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (APL_TYPE_MESSAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/apl-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AplMessageRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AplMessageRow, status_label);
}

static void
apl_message_row_init (AplMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/* Public API */

AplMessage *
apl_message_row_get_message (AplMessageRow *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE_ROW (self), NULL);
  return self->message;
}

void
apl_message_row_set_message (AplMessageRow *self,
                             AplMessage    *message)
{
  AplStore *store;

  g_return_if_fail (APL_IS_MESSAGE_ROW (self));
  g_return_if_fail (message == NULL || APL_IS_MESSAGE (message));

  if (self->message == message)
    return;

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, message_notify_cb, self);
  if (self->approvals != NULL)
    g_signal_handlers_disconnect_by_func (self->approvals, approvals_changed_cb, self);
  g_clear_object (&self->approvals);
  g_set_object (&self->message, message);

  store = message ? apl_message_get_store (message) : NULL;
  if (message != NULL)
    g_signal_connect_object (message, "notify", G_CALLBACK (message_notify_cb), self, G_CONNECT_SWAPPED);
  if (store != NULL)
    {
      self->approvals = g_object_ref (apl_approvals_get (store));
      g_signal_connect_object (self->approvals, "changed", G_CALLBACK (approvals_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

AplMessageStatus
apl_message_row_get_status (AplMessageRow *self)
{
  g_return_val_if_fail (APL_IS_MESSAGE_ROW (self), APL_MESSAGE_STATUS_DRAFT);
  return self->status;
}
