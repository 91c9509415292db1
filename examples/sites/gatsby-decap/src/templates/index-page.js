import React from "react";
import PropTypes from "prop-types";
import { Link, graphql } from "gatsby";

import Layout from "../components/Layout";

// eslint-disable-next-line
export const IndexPageTemplate = ({
  title,
  heading,
  subheading,
  mainpitch,
  description,
}) => (
  <div>
    <section className="hero is-medium is-primary">
      <div className="hero-body has-text-centered">
        <h1 className="title is-1">{title}</h1>
        <h2 className="subtitle">{subheading}</h2>
        <Link className="button is-light is-medium" to="/products">
          Choose your coffee
        </Link>
      </div>
    </section>
    <section className="section">
      <div className="container content">
        <h2 className="title">{mainpitch.title}</h2>
        <p className="subtitle">{mainpitch.description}</p>
        <h3 className="has-text-weight-semibold is-size-3">{heading}</h3>
        <p>{description}</p>
      </div>
    </section>
  </div>
);

IndexPageTemplate.propTypes = {
  title: PropTypes.string,
  heading: PropTypes.string,
  subheading: PropTypes.string,
  mainpitch: PropTypes.object,
  description: PropTypes.string,
};

const IndexPage = ({ data }) => {
  const { frontmatter } = data.markdownRemark;

  return (
    <Layout>
      <IndexPageTemplate
        title={frontmatter.title}
        heading={frontmatter.heading}
        subheading={frontmatter.subheading}
        mainpitch={frontmatter.mainpitch}
        description={frontmatter.description}
      />
    </Layout>
  );
};

export default IndexPage;

export const pageQuery = graphql`
  query IndexPageTemplate {
    markdownRemark(frontmatter: { templateKey: { eq: "index-page" } }) {
      frontmatter {
        title
        heading
        subheading
        mainpitch {
          title
          description
        }
        description
      }
    }
  }
`;
