"""What a person sees and a program reads: the response models, and the functions that build
them from what the service layer returns. Pages render these same models, so the two cannot
drift apart."""
