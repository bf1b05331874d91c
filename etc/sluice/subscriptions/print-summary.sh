#!/bin/sh
# Prints what the scores topic published: the raw message on stdin, the topic and message id in the environment.
echo "[$SLUICE_TOPIC $SLUICE_MESSAGE_ID] $(cat)"
