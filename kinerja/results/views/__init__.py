"""Pages of the results app: realisations of work results and the study leave."""
